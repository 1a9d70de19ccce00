"""The README and docs/ say only what is true of this repository: files they name exist, and every command they
show exists with the options it is shown with. (The README's two commands and its curator walkthrough are run
as printed by tests/e2e/test_readme_commands.py and tests/e2e/test_curator_walkthrough.py.)"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ARTICLE_FOLDERS, ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MADE_BY_COMMANDS = {"draft.yaml", "bench/out/results.json", "bench/generated", "results.json", "datapackage.json"}
"""Files that commands shown in the docs write (or that a download holds), rather than files the repository holds."""
PLACEHOLDER = re.compile(r"[A-Z]{2,}|\*|…|\{|<")


def text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


@cache
def tracked() -> frozenset[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return frozenset(listed.splitlines())


def named_paths(page: Path) -> list[str]:
    """Repository paths the page names: in backticks (with a slash or a file suffix) and as link targets."""
    body = text(page)
    found = re.findall(r"`([\w./-]+)`", body) + re.findall(r"\]\(([^)#\s]+)\)", body)
    paths = []
    for item in found:
        if item.startswith(("http", "../", "/", "~", "-", ".")) and not item.startswith(
            (".venv/", ".ci/", ".streamlit/")
        ):
            continue
        if PLACEHOLDER.search(item) or item.rstrip("/") in MADE_BY_COMMANDS or re.fullmatch(r"[\d/-]+", item):
            continue
        if "/" in item or re.search(r"\.(py|sh|md|yaml|toml|txt|lock|csv|json|png)$", item):
            paths.append(item.rstrip("/"))
    return paths


def exists(item: str) -> bool:
    if item.startswith(".venv/"):
        return True  # made by scripts/setup.sh
    if any(t == item or t.startswith(item + "/") for t in tracked()):  # committed, not merely on this disk
        return True
    if "/" not in item:  # a bare file name: somewhere in the repository, or an article beside it
        return any(t.rsplit("/", 1)[-1] == item for t in tracked()) or any((f / item).exists() for f in ARTICLE_FOLDERS)
    return False


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_file_the_docs_name_exists(page: Path):
    assert [p for p in named_paths(page) if not exists(p)] == []


def commands(page: Path) -> list[str]:
    """Commands the page shows: lines of its shell blocks, and inline commands in backticks."""
    body = text(page)
    found = []
    for block in re.findall(r"```(?:bash|console|sh)\n(.*?)```", body, re.DOTALL):
        for line in block.splitlines():
            line = line.removeprefix("$ ").split("  #")[0].strip()
            if line and not line.startswith("#"):
                found.append(line)
    for inline in re.findall(r"`((?:\.venv/bin/python|python|bash scripts/)[^`\n]*)`", body):
        found.append(inline)
    return found


def environment_names() -> str:
    sources = [ROOT / "dashboard.py", *ROOT.glob("metrics/**/*.py"), *ROOT.glob("scripts/*"), *ROOT.glob("bench/*.py")]
    return "\n".join(p.read_text(encoding="utf-8") for p in sources if p.is_file())


def importable(module: str) -> bool:
    path = ROOT / module.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__main__.py").is_file()


@cache
def help_text(*program: str) -> str:
    result = subprocess.run([sys.executable, *program, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{' '.join(program)} --help: {result.stderr[-500:]}"
    return result.stdout


def check(command: str) -> None:
    words = shlex.split(command.split("&&")[-1].split(" > ")[0].split(" | ")[0])
    while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
        name = words.pop(0).split("=")[0]
        assert name in environment_names() or name.startswith("STREAMLIT_"), f"{command}: nothing reads {name}"
    if not words:
        return
    flags = [w.split("=")[0] for w in words if w.startswith("--")]
    program, *args = words
    if program in (".venv/bin/python", "python", "python3") and args:
        if args[:1] == ["-m"]:
            module = args[1]
            if module in ("streamlit", "pytest", "pip"):
                return
            assert importable(module), command
            sub = [args[2]] if module == "metrics" and len(args) > 2 and not args[2].startswith("-") else []
            shown = help_text("-m", module, *sub) if flags else ""
        else:
            assert (ROOT / args[0]).is_file(), command
            shown = help_text(args[0]) if flags else ""
        assert [f for f in flags if f not in shown] == [], command
    elif program == "bash":
        script = ROOT / args[0]
        assert script.is_file(), command
        assert [f for f in flags if f not in script.read_text(encoding="utf-8")] == [], command
    elif program == "cp":
        assert (ROOT / args[0]).exists(), command


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_command_the_docs_show_exists_with_its_options(page: Path):
    for command in commands(page):
        check(command)


def test_the_readme_is_a_five_minute_read_with_the_rest_in_docs():
    words = len(text(ROOT / "README.md").split())
    assert words < 1500, words  # about five minutes at 250 words a minute, code blocks skimmed
    linked = set(re.findall(r"\]\((docs/[\w-]+\.md)\)", text(ROOT / "README.md")))
    assert linked == {f"docs/{p.name}" for p in PAGES[1:]}  # every reference page is reachable from the README
