"""Everything the page shows, computed once per data file and selection (no streamlit here).

One ``PageData`` per version of the data file serves every session of the
process: a filter change that any session has made before costs a dictionary
look-up, and sessions that ask for the same new selection at once wait for one
computation (``metrics.downloads.memo``). ``page_state`` decides on each call whether the
file changed (stat, plus a content hash where a stat cannot tell), so an edited
file is read again without a restart, and a file still being written is not
shown; validated facts are also kept on disk (``metrics.downloads.cache``), so a restart
does not validate an unchanged file.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from metrics.articles.files import MAX_ARTICLE_BYTES, article_files, file_problem
from metrics.bounded import FileChanging, read_bounded
from metrics.catalogue.load import END_MARKER, MAX_BYTES, MetricsFileError, load_bytes
from metrics.catalogue.schema import Source
from metrics.decode import decode
from metrics.downloads import cache, heavy
from metrics.downloads.cache_settings import memo_max_bytes
from metrics.downloads.export import to_csv, to_json, to_package, to_xlsx
from metrics.downloads.memo import Budget, SharedMemo
from metrics.page import targets
from metrics.page.build import one_build
from metrics.page.charts import series, series_alt, series_figure
from metrics.page.compare import comparable, comparison_alt, comparison_figure, left_out
from metrics.page.filters import Filters, apply, fact_years
from metrics.page.frame import to_frame
from metrics.page.labels import Lang, Names
from metrics.page.matrix import matrix_alt, matrix_figure
from metrics.page.reach import Denominators, denominators, reach_alt, reach_figure, reach_rows
from metrics.page.reach import left_out as reach_left_out
from metrics.page.views import Card, cards, findings, quote_texts, table, table_html, table_page

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data" / "metrics.yaml"

Selection = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""(regions, categories, sources, interventions, years) as plain tuples: cheap to hash and compare."""


def data_path() -> Path:
    """``METRICS_FILE`` if set, else the shipped file."""
    return Path(os.environ.get("METRICS_FILE") or DEFAULT_DATA)


def source_text_paths() -> tuple[Path, ...]:
    """The article files named by ``METRICS_SOURCE_TEXT`` (files or folders, joined by ``os.pathsep``).

    When set, the page also checks every quote against its own article.
    """
    configured = os.environ.get("METRICS_SOURCE_TEXT")
    if not configured:
        return ()
    try:
        return tuple(article_files(p for p in configured.split(os.pathsep) if p))
    except MetricsFileError:
        return tuple(Path(p) for p in configured.split(os.pathsep) if p)  # the read then says what is wrong


@dataclass(frozen=True)
class Outputs:
    """What one selection shows, in the order the page shows it."""

    view: pd.DataFrame
    findings: list[tuple[str, str]]
    """(region, its report's one-line finding), where the data has one."""
    matrix: go.Figure | None
    """What each region does: regions × intervention types."""
    reach: go.Figure | None
    """How many people each programme reaches: a panel per unit."""
    alt: dict[str, str]
    """Each chart as text, by chart."""
    per_resident: Denominators
    """Resident populations for every dot of the reach chart, or which are missing."""
    cards: list[Card]
    like_with_like: go.Figure | None = None
    """One row per indicator that several regions report; None when there is none."""
    series: go.Figure | None = None
    """Figures of one indicator over time, where a programme reports it for several periods."""
    targets: tuple[tuple[str, go.Figure], ...] = ()
    """(indicator, its chart) for each indicator with results and targets: did each region do what it planned."""
    notes: dict[str, str] = field(default_factory=dict)
    """What a chart leaves out and where to find it, by chart, for charts that leave something out."""


class PageData:
    """One version of the data file, or the problems that stop it being shown."""

    def __init__(self, path: Path, articles: tuple[Path, ...] = (), blobs: tuple[Blob, ...] | None = None) -> None:
        """Validate the data file (against ``articles`` if given); ``blobs`` are what reading them gave, if done."""
        self.frame: pd.DataFrame | None = None
        self._rows: pd.DataFrame | None = None
        self.sources: list[Source] = []
        self.problems: tuple[str, ...] = ()
        self.categories: tuple[str, ...] = ()
        self.interventions: tuple[str, ...] = ()
        self.regions: tuple[str, ...] = ()
        self.source_ids: tuple[str, ...] = ()
        self.years: tuple[str, ...] = ()
        """The years the figures are about, oldest first."""
        self.source_regions: dict[str, set[str]] = {}
        """Each report's provinces, so the article filter offers those of the regions shown."""
        self.names = Names()
        try:
            raw, texts = _contents(path, articles, blobs or _read_all(path, articles))
            entry = cache.key(raw + b"".join(b"\0" + n.encode() + b"\0" + t.encode() for n, t in texts.items()))
            stored = cache.read(entry)
            if stored is None:
                data = load_bytes(raw, str(path), texts if articles else None)
                stored = (to_frame(data), data.sources)
                cache.write(entry, *stored)
        except MetricsFileError as err:
            self.problems = tuple(str(p) for p in err.problems)
            return
        self.frame, self.sources = stored
        self._rows = _plain_text(self.frame) if len(self.frame) <= PLAIN_ROWS else self.frame
        """The same facts, laid out for the many small steps of a new selection where they are few."""
        self.names = Names.of(self.frame, self.sources)
        self.categories = self.names.categories
        self.interventions = self.names.interventions
        self.regions = self.names.regions
        self.source_ids = self.names.sources
        self.years = tuple(sorted(set(fact_years(self.frame))))
        pairs = self.frame[["source", "region"]].drop_duplicates()
        self.source_regions = {s: set(pairs["region"][pairs["source"] == s]) for s in self.source_ids}
        # Per instance, so an old version of the file is freed with its PageData; all within one byte budget.
        self.budget = Budget(memo_max_bytes())
        self.view = SharedMemo(self._view, 256, self.budget)
        self.outputs = SharedMemo(self._outputs, 256, self.budget)
        self.reach_per_resident = SharedMemo(self._reach_per_resident, 64, self.budget)
        self.clauses = SharedMemo(self._clauses, 256, self.budget)
        self.table = SharedMemo(self._table, 256, self.budget)
        self.csv = SharedMemo(self._csv, 32, self.budget)
        self.package = SharedMemo(self._package, 32, self.budget)
        self.json = SharedMemo(self._json, 32, self.budget)
        self._xlsx_memo = SharedMemo(self._xlsx, 32, self.budget)

    def _view(self, selection: Selection) -> pd.DataFrame:
        assert self._rows is not None
        regions, categories, sources, interventions, years = selection
        filters = Filters(
            regions=regions, categories=categories, sources=sources, interventions=interventions, years=years
        )
        return apply(self._rows, filters)

    def _outputs(self, selection: Selection, lang: Lang) -> Outputs:
        with one_build():  # the figures and their text alternatives share the reach rows and the matrix cells
            return self._build(selection, lang)

    def _build(self, selection: Selection, lang: Lang) -> Outputs:
        view = self.view(selection)
        colours = self.names.colours
        every_kind = self.view((*selection[:3], self.interventions, selection[4]))
        planned = targets.indicators(view)
        alt = {"matrix": matrix_alt(view, lang), "reach": reach_alt(view, lang)}
        alt |= {f"targets-{i}": targets.alt(view, i, lang) for i in planned}
        # Indicators with targets have their own charts, by period: the others compare and run over time.
        rest = view[~view["indicator"].isin([*planned, *(i + targets.SHARE_SUFFIX for i in planned)])]
        over_time = series_figure(rest, lang, colours) if series(rest) else None
        shared = comparable(rest)
        if shared:
            alt["like_with_like"] = comparison_alt(rest, shared, lang)
        if over_time is not None:
            alt["series"] = series_alt(rest, lang)
        notes = {"reach": reach_left_out(view, lang), "like_with_like": left_out(shared, lang)}
        return Outputs(
            view=view,
            findings=findings(view, self.sources, lang),
            matrix=matrix_figure(view, lang, colours),
            reach=reach_figure(view, lang, colours),
            alt=alt,
            per_resident=denominators(every_kind, reach_rows(view), lang),
            cards=cards(view, lang),
            like_with_like=comparison_figure(rest, lang, colours, shared) if shared else None,
            series=over_time,
            targets=tuple((i, targets.figure(view, i, lang, colours)) for i in planned),
            notes={chart: note for chart, note in notes.items() if note},
        )

    def _reach_per_resident(self, selection: Selection, lang: Lang) -> go.Figure | None:
        """The reach chart per 10,000 residents, where every dot has a denominator (else None)."""
        shown = self.outputs(selection, lang)
        if shown.per_resident.by_fact is None:
            return None
        return reach_figure(shown.view, lang, self.names.colours, shown.per_resident)

    def _clauses(self, selection: Selection, lang: Lang) -> dict[str, str]:
        """Fact id -> its figure, metric, verbatim clause and report, for the selection's facts."""
        view = self.view(selection)
        return dict(zip(view["id"], quote_texts(view, lang, self._headlines(lang)), strict=True))

    def _table(self, selection: Selection, lang: Lang, number: int) -> str:
        """One page of the facts table as HTML, each figure in a row with its clause."""
        rows = table_page(self.outputs(selection, lang).view, number)
        return table_html(table(rows, lang, self._headlines(lang)), lang)

    def _headlines(self, lang: Lang) -> dict[str, str]:
        """Each report's headline in ``lang``, by source id (the printed one where it has none in English)."""
        return {s.id: s.headline if lang == "zh" else s.headline_en or s.headline for s in self.sources}

    def _csv(self, selection: Selection) -> bytes:
        return to_csv(self.view(selection))

    def _package(self, selection: Selection) -> bytes:
        return to_package(self.view(selection), self.sources)

    def _json(self, selection: Selection) -> bytes:
        return to_json(self.view(selection))

    def xlsx(self, selection: Selection) -> bytes:
        """The spreadsheet, built in a worker process; ``heavy.Busy`` when too many are being built already."""
        found, value = self._xlsx_memo.cached(selection)
        if found:
            return value  # type: ignore[return-value]
        with heavy.slot():  # also while waiting for another request building the same one
            return self._xlsx_memo(selection)

    def _xlsx(self, selection: Selection) -> bytes:
        return heavy.run(to_xlsx, self.view(selection), self.sources)


PLAIN_ROWS = 5_000
"""Up to this many facts, the page filters a copy with plain text (``_plain_text``); larger frames are filtered
as they are, where Arrow's compact strings save more memory than the copy would save time."""


def _plain_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its text columns as Python strings in one block (pandas' ``object``), for the page.

    A new selection's figures, cards and table take a few hundred steps over a few dozen rows each. With
    pandas' Arrow-backed text, every row subset takes each of some fifty columns apart through Arrow; with
    Python strings in one block per dtype (``copy`` consolidates them) it is a handful of NumPy takes. A new
    selection costs about 40 % less (30 % from the strings, 15 % more from the blocks); values are the same.
    """
    text = [c for c in frame.columns if isinstance(frame[c].dtype, pd.StringDtype)]
    plain = frame.astype(dict.fromkeys(text, object)).copy()
    # The column names too: every ``frame[name]`` looks its name up, and every subset builds a new index of them;
    # through Arrow that was a fifth of a new selection.
    plain.columns = pd.Index(list(plain.columns), dtype=object)
    return plain


Blob = bytes | OSError
"""A file's bytes, or why they could not be read."""

SETTLE_S = 0.05
"""A changed file is stat'ed again after this long; if it moved meanwhile, it is still being written."""
RACY_S = 2.0
"""A version read within this long of its files' last change is hashed on each call until it is read later:
within one timestamp tick (1 s on some filesystems, 2 s on FAT) a same-size edit leaves the stat unchanged."""


def _read_all(path: Path, articles: tuple[Path, ...]) -> tuple[Blob, ...]:
    blobs: list[Blob] = []
    for file, limit in ((path, MAX_BYTES), *((a, MAX_ARTICLE_BYTES) for a in articles)):
        try:
            blobs.append(read_bounded(file, limit))
        except OSError as err:
            blobs.append(err)
    return tuple(blobs)


def _contents(path: Path, articles: tuple[Path, ...], blobs: tuple[Blob, ...]) -> tuple[bytes, dict[str, str]]:
    """The data file's bytes and each article's text by file name, or MetricsFileError saying why not."""
    raw = blobs[0]
    if isinstance(raw, OSError):
        raise MetricsFileError([file_problem(str(path), raw)])
    texts: dict[str, str] = {}
    problems = []
    for article, blob in zip(articles, blobs[1:], strict=True):
        if isinstance(blob, OSError):
            problems.append(file_problem(str(article), blob, "(article)"))
            continue
        try:
            texts[article.name] = decode(blob, str(article))
        except MetricsFileError as err:
            problems.extend(err.problems)
    if problems:
        raise MetricsFileError(problems)
    return raw, texts


def _digest(blobs: tuple[Blob, ...]) -> bytes:
    digest = hashlib.sha256()
    for blob in blobs:
        digest.update(hashlib.sha256(blob if isinstance(blob, bytes) else repr(blob).encode()).digest())
    return digest.digest()


Stamp = tuple[int, ...] | None


def _stat(path: Path) -> Stamp:
    """Inode, size and both change times: a same-size edit, or one whose mtime was set back, changes it."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _must_hash(stamps: tuple[Stamp, ...], read_ns: int) -> bool:
    """Whether a stat can vouch for a version read at ``read_ns``: not if a file was missing, or changed
    within a timestamp tick of the read (a later edit in the same tick would leave the same stamp)."""
    return any(s is None or read_ns - max(s[3], s[4]) < RACY_S * 1e9 for s in stamps)


WRITE_GRACE_S = 3.0
"""A file without its closing line that changed this recently is taken to be still being written."""


def _unfinished(blob: Blob) -> bool:
    """Whether the data file's bytes lack the closing line every complete file ends with."""
    return isinstance(blob, bytes) and not blob.rstrip().endswith(END_MARKER.encode())


def _recent(stamp: Stamp) -> bool:
    return stamp is not None and time.time_ns() - stamp[3] < WRITE_GRACE_S * 1e9


def _settle() -> None:
    time.sleep(SETTLE_S)


@dataclass(frozen=True)
class _Version:
    stamps: tuple[Stamp, ...]
    digest: bytes
    data: PageData
    read_ns: int
    """When the files were last read and hashed: what a stat can vouch for is judged against it."""


@dataclass(frozen=True)
class PageState:
    """What the page shows now."""

    data: PageData
    """The newest settled version of the data file (or its problems)."""
    being_written: bool = False
    """A newer version is still being written; ``data`` is the last one that had settled."""


@dataclass(frozen=True)
class _Candidate:
    """A changed version seen inside the lock: its stamps and bytes, and when they were first seen so."""

    stamps: tuple[Stamp, ...]
    digest: bytes
    since: float


_lock = threading.Lock()
_current: dict[tuple[Path, tuple[Path, ...]], _Version] = {}
_candidates: dict[tuple[Path, tuple[Path, ...]], _Candidate] = {}


def page_state(path: Path, articles: tuple[Path, ...] = ()) -> PageState:
    """The data for this file (checked against ``articles`` if given) as it is now.

    Read at most once per version of the files and per process. A rerun stats the files,
    and reads and hashes them only where a stat cannot vouch for them (see ``RACY_S``).
    A change is taken up only once the files have stopped changing for ``SETTLE_S``; until
    then the last settled version stays. Under load, callers queue for the lock: each judges
    the files by stamps taken once it holds it (never by those taken before it waited), and
    a version already seen unchanged for ``SETTLE_S`` by an earlier caller is not waited for again.
    """
    files = (path, *articles)
    stamps = tuple(_stat(f) for f in files)
    # The usual case, an unchanged file, takes no lock and reads nothing: sessions never queue to learn
    # nothing changed, and a rerun costs one stat per file.
    known = _current.get((path, articles))
    if known is not None and known.stamps == stamps and not _must_hash(stamps, known.read_ns):
        return PageState(known.data)
    with _lock:  # a change: sessions arriving together wait for one read instead of each reading
        stamps = tuple(_stat(f) for f in files)  # as the files are now, not as they were before the wait
        known = _current.get((path, articles))
        if known is not None and known.stamps == stamps and not _must_hash(stamps, known.read_ns):
            return PageState(known.data)
        read_ns = time.time_ns()
        blobs = _read_all(path, articles)
        digest = _digest(blobs)
        if known is not None and known.digest == digest:
            _current[(path, articles)] = _Version(stamps, digest, known.data, read_ns)  # touched, or same bytes
            _candidates.pop((path, articles), None)
            return PageState(known.data)
        candidate = _candidates.get((path, articles))
        if candidate is None or candidate.stamps != stamps or candidate.digest != digest:
            candidate = _Candidate(stamps, digest, time.monotonic())
            _candidates[(path, articles)] = candidate
        changing = any(isinstance(b, FileChanging) for b in blobs)
        if not changing and time.monotonic() - candidate.since < SETTLE_S:
            _settle()  # seen unchanged for less than SETTLE_S: wait, then look again
            changing = tuple(_stat(f) for f in files) != stamps
        if not changing and known is not None and _unfinished(blobs[0]) and _recent(stamps[0]):
            changing = True  # a writer paused mid-file: the closing line is missing, and the file is fresh
        if changing:
            return PageState(known.data if known is not None else PageData(path, articles, blobs), being_written=True)
        data = PageData(path, articles, blobs)
        _current[(path, articles)] = _Version(stamps, digest, data, read_ns)
        _candidates.pop((path, articles), None)
        return PageState(data)
