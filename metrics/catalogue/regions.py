"""China's administrative divisions (GB/T 2260), read from the shipped ``regions.csv``.

The table is built from maintained packages by ``python -m metrics.catalogue.refresh_regions``;
``regions.json`` beside it records their versions and licences. A region in the data is a
six-digit code (``"420000"`` is Hubei, ``"513400"`` the Liangshan prefecture); a province may
also be named by its slug (``liaoning``), as links and older data files do.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from metrics.bounded import read_bounded

TABLE = Path(__file__).resolve().parent / "regions.csv"
MAX_TABLE_BYTES = 2 * 1024 * 1024
CODE = re.compile(r"[1-8][0-9]{5}")

Level = Literal["province", "prefecture", "county"]


@dataclass(frozen=True)
class Division:
    """One row of the table."""

    code: str
    """Six-digit GB/T 2260 code."""
    name_zh: str
    """Full Chinese name: 梁山县, 宁夏回族自治区."""
    name_en: str
    level: Level
    parent: str
    """Code of the division above, or "" for a province."""
    slug: str
    """Provinces only: the lowercase English name, as used in links (``liaoning``)."""

    @property
    def province(self) -> str:
        """Code of the province this division lies in (its own code for a province)."""
        return self.code[:2] + "0000"

    @property
    def short_zh(self) -> str:
        """The name as reports usually print it: 宁夏回族自治区 -> 宁夏, 梁山县 -> 梁山."""
        return short_name(self.name_zh)


_SHORT = re.compile(
    r"(?P<stem>.{2,}?)(?:维吾尔|[^\s]{1,3}族)*"
    r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|省|市|县|区|旗|盟)"
)


def short_name(name: str) -> str:
    """Drop the administrative word, and ethnic words before it, keeping at least two characters."""
    match = _SHORT.fullmatch(name)
    return match["stem"] if match else name


@cache
def divisions() -> dict[str, Division]:
    """Every division by code, read once."""
    text = read_bounded(TABLE, MAX_TABLE_BYTES).decode("utf-8")
    return {row["code"]: Division(**row) for row in csv.DictReader(io.StringIO(text))}  # type: ignore[arg-type]


@cache
def province_slugs() -> dict[str, str]:
    """Province slug -> code."""
    return {d.slug: d.code for d in divisions().values() if d.slug}


@lru_cache(maxsize=4096)  # bounded: names come from links and data URLs, so from anyone
def resolve(name: str) -> str | None:
    """The code a region is named by (a six-digit code or a province slug), or None if unknown."""
    if CODE.fullmatch(name):
        return name if name in divisions() else None
    return province_slugs().get(name)


def division(code: str) -> Division:
    return divisions()[code]


def province_of(code: str) -> Division:
    """The province a division lies in."""
    return divisions()[code[:2] + "0000"]
