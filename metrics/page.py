"""Everything the page shows, computed once per data file and selection (no streamlit here).

One ``PageData`` per version of the data file serves every session of the
process: a filter change that any session has made before costs a dictionary
look-up. The file's modification time and size are checked on each call, so
an edited file is read again without a restart; validated facts are also kept
on disk (``metrics.cache``), so a restart does not validate an unchanged file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa

from metrics import cache
from metrics.charts import comparison_figure, left_out
from metrics.export import to_csv, to_package
from metrics.filters import Filters, apply
from metrics.frame import to_frame
from metrics.labels import CATEGORY_NAMES, Lang
from metrics.load import MetricsFileError, load_bytes, read_bytes
from metrics.schema import Source
from metrics.views import Card, cards, table, table_page

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data" / "metrics.yaml"

DIRECT_DOWNLOAD_ROWS = 5_000
"""Up to this many rows (about 1 MB of CSV) downloads are built with the page; beyond, on click."""

Selection = tuple[tuple[str, ...], tuple[str, ...]]
"""(regions, categories) as plain tuples: cheap to hash and compare."""


def data_path() -> Path:
    """``METRICS_FILE`` if set, else the shipped file."""
    return Path(os.environ.get("METRICS_FILE") or DEFAULT_DATA)


def source_text_path() -> Path | None:
    """``METRICS_SOURCE_TEXT``, if set: the page then also checks every quote against that article."""
    configured = os.environ.get("METRICS_SOURCE_TEXT")
    return Path(configured) if configured else None


def file_stamp(path: Path) -> tuple[int, int]:
    """Changes whenever the file does."""
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_mtime_ns, stat.st_size)


@dataclass(frozen=True)
class Outputs:
    """What one selection shows."""

    view: pd.DataFrame
    figure: go.Figure
    cards: list[Card]
    left_out: int
    """Facts in the view that the figure does not draw."""


class PageData:
    """One version of the data file, or the problems that stop it being shown."""

    def __init__(self, path: Path, article: Path | None = None) -> None:
        self.frame: pd.DataFrame | None = None
        self.sources: list[Source] = []
        self.problems: tuple[str, ...] = ()
        self.categories: tuple[str, ...] = ()
        try:
            raw = read_bytes(path)
            source_text = None if article is None else article.read_text(encoding="utf-8")
            entry = cache.key(raw if source_text is None else raw + b"\0" + source_text.encode())
            stored = cache.read(entry)
            if stored is None:
                data = load_bytes(raw, str(path), source_text)
                stored = (to_frame(data), data.sources)
                cache.write(entry, *stored)
        except MetricsFileError as err:
            self.problems = tuple(str(p) for p in err.problems)
            return
        except (OSError, UnicodeDecodeError) as err:  # the article named by METRICS_SOURCE_TEXT
            self.problems = (f"{article}: cannot read the source text: {err}",)
            return
        self.frame, self.sources = stored
        present = set(self.frame["category"])
        self.categories = tuple(c for c in CATEGORY_NAMES if c in present)
        # Per instance, so an old version of the file is freed with its PageData.
        self.view = lru_cache(maxsize=256)(self._view)
        self.outputs = lru_cache(maxsize=256)(self._outputs)
        self.table = lru_cache(maxsize=256)(self._table)
        self.csv = lru_cache(maxsize=32)(self._csv)
        self.package = lru_cache(maxsize=32)(self._package)

    def download(self, build: Callable[[Selection], bytes], selection: Selection) -> bytes | Callable[[], bytes]:
        """What a download button needs: the bytes for small selections, a builder for large ones.

        Streamlit builds a callable's file on click, which spares every rerun the
        cost of hashing megabytes; but it stores that file unreferenced, and other
        sessions' runs may delete it before the browser fetches it. Bytes are
        held by the session, so small selections, the usual case, always download.
        """
        if len(self.view(selection)) <= DIRECT_DOWNLOAD_ROWS:
            return build(selection)
        return lambda: build(selection)

    def _view(self, selection: Selection) -> pd.DataFrame:
        assert self.frame is not None
        regions, categories = selection
        return apply(self.frame, Filters(regions=regions, categories=categories))

    def _outputs(self, selection: Selection, lang: Lang) -> Outputs:
        view = self.view(selection)
        return Outputs(view, comparison_figure(view, lang), cards(view, lang), left_out(view))

    def _table(self, selection: Selection, lang: Lang, number: int) -> pa.Table:
        """One page of the facts table, as Arrow so reruns skip the conversion."""
        rows = table(table_page(self.outputs(selection, lang).view, number), lang)
        return pa.Table.from_pandas(rows, preserve_index=False)

    def _csv(self, selection: Selection) -> bytes:
        return to_csv(self.view(selection))

    def _package(self, selection: Selection) -> bytes:
        return to_package(self.view(selection), self.sources)


_lock = threading.Lock()
_current: dict[tuple[Path, Path | None], tuple[tuple[int, ...], PageData]] = {}


def page_data(path: Path, article: Path | None = None) -> PageData:
    """The data for this file (checked against ``article`` if given) as it is now.

    Read at most once per version of the files and per process.
    """
    stamp = file_stamp(path) + (file_stamp(article) if article else ())
    with _lock:  # sessions arriving together wait for one read instead of each reading
        known = _current.get((path, article))
        if known is None or known[0] != stamp:
            known = (stamp, PageData(path, article))
            _current[(path, article)] = known
        return known[1]
