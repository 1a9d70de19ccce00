"""The README's "Adding an article" walkthrough, command by command as printed, in a fresh clone.

The clone sits beside its own ``shared/sources`` and ``shared/reports`` folders (copies of the articles the
shipped data quotes), as a curator's checkout does. The test does what the README tells a curator to do by
hand: it pastes the README's source and programmes, and the drafted facts with their blanks filled. Then the
commands must pass, the page must serve the new region, and the other tests must stay green on the grown data.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.server import ROOT, free_port

STEP_TIMEOUT_S = 300
SUITE_TIMEOUT_S = 1200


def walkthrough() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"\n## Adding an article\n(.*?)\n## ", readme, re.DOTALL)
    assert found, "README has no '## Adding an article' section"
    return found.group(1)


def commands(section: str) -> list[str]:
    """The ``$ `` lines of the section's console blocks, in order."""
    blocks = re.findall(r"```console\n(.*?)```", section, re.DOTALL)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")]


def yaml_blocks(section: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)


def append_to(text: str, key: str, block: str) -> str:
    """``block`` pasted at the end of the top-level list ``key:``, before the comments that open the next key."""
    start = text.index(f"\n{key}:\n") + len(key) + 3
    following = re.compile(r"^[a-z_]+:", re.MULTILINE).search(text, start)
    end = following.start() if following else len(text)
    lines = text[start:end].splitlines(keepends=True)
    while lines and (not lines[-1].strip() or lines[-1].startswith("#")):
        end -= len(lines.pop())
    return text[:end] + block.rstrip("\n") + "\n" + text[end:]


def filled(drafted: str, programmes: dict[str, str]) -> tuple[str, str]:
    """The drafted facts with what a curator fills in (programme by region, an English metric), and the
    drafted excluded entries: both as the text to paste."""
    body = drafted[drafted.index("facts:\n") + len("facts:\n") :]
    facts, excluded = body.split("excluded:\n")
    pasted = []
    for number, chunk in enumerate(re.split(r"(?m)^(?=  - id: )", facts)):
        if not chunk.strip():
            continue
        region = re.search(r'region: "(\d{6})"', chunk)
        assert region, chunk
        chunk = re.sub(r"programme: .*", f"programme: {programmes[region.group(1)]}", chunk, count=1)
        pasted.append(chunk.replace('metric: ""', f"metric: Hubei figure {number}", 1))
    return "".join(pasted), excluded


def run(command: str, cwd: Path, timeout: float = STEP_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "METRICS_CACHE_DIR": ""}
    result = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def serve(command: str, cwd: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "METRICS_CACHE_DIR": "", "STREAMLIT_SERVER_PORT": str(port)}
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["bash", "-c", command], cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(errors="replace")[-3000:]
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.5)
    os.killpg(process.pid, signal.SIGTERM)
    pytest.fail(f"no page after {STEP_TIMEOUT_S} s:\n{log.read_text(errors='replace')[-3000:]}")


def test_the_readme_walkthrough_adds_an_article_and_every_other_test_stays_green(tmp_path: Path) -> None:
    section = walkthrough()
    steps = commands(section)
    assert len(steps) == 6, steps
    copy, draft, validate, audit, page, tests = steps
    source_block, programme_block = yaml_blocks(section)

    clone = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    (clone / ".venv").symlink_to(ROOT / ".venv")  # the environment `bash scripts/setup.sh` would build
    for folder in ("sources", "reports"):  # the articles beside the repository, as a curator has them
        shared = tmp_path / "shared" / folder
        shared.mkdir(parents=True)
        for article in (ROOT.parent / "shared" / folder).glob("*.*"):  # the texts, and the reports' index
            shutil.copy(article, shared / article.name)

    run(copy, clone)
    run(draft, clone)
    data = clone / "data" / "metrics.yaml"
    text = data.read_text(encoding="utf-8")
    text = append_to(text, "sources", source_block)
    text = append_to(text, "programmes", programme_block)
    ids = re.findall(r'- id: (\S+)\n    region: "(\d{6})"', programme_block)
    facts, excluded = filled((clone / "draft.yaml").read_text(encoding="utf-8"), {r: i for i, r in ids})
    text = append_to(text, "facts", facts)
    text = append_to(text, "excluded", excluded)
    data.write_text(text, encoding="utf-8")

    assert "hubei" in run(validate, clone).stdout
    audited = run(audit, clone).stdout
    assert "hubei-2025-11-jobs.txt: 0 numbers unaccounted for" in audited
    assert "economic-daily-2022-11-employment.txt: 0 numbers unaccounted for" in audited

    process, url = serve(page, clone, tmp_path / "page.log")
    try:
        with urllib.request.urlopen(url + "/api/facts.csv?regions=hubei", timeout=30) as response:
            csv = response.read().decode("utf-8-sig")
        assert csv.count("\n") - 1 == facts.count("  - id: ")  # every Hubei fact, Wuhan's under its province
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    assert tests == "bash scripts/test.sh"  # the whole suite; here all but the browser tests, this one among them
    suite = ".venv/bin/python -m pytest tests --ignore=tests/e2e -q -x -p no:cacheprovider"
    run(suite, clone, timeout=SUITE_TIMEOUT_S)
