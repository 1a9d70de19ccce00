"""Rows for the article tools: drafting speed, and the numeral reader against cn2an."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from decimal import Decimal
from pathlib import Path

import yaml

from bench.core import ROOT, Row, Stats, interleaved, timed
from bench.generate import write
from metrics.articles.audit import occurrences
from metrics.articles.draft import draft, hints
from metrics.articles.numbers import Reading, find_numbers, normalise, strip_spaces
from metrics.articles.similar import Example, Examples, fact_measures, programme_kinds
from metrics.catalogue.load import END_MARKER, load
from metrics.catalogue.schema import Fact, MetricsFile
from metrics.page.state import DEFAULT_DATA

ARTICLES = ROOT / "tests" / "fixtures" / "articles"
LONG_CHARS = 20_000
_CHINESE_NUMERAL = re.compile("[零〇一二两三四五六七八九十百千]")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")


def _long_article() -> str:
    """The test articles end to end, repeated to at least 20,000 characters."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    text = "\n\n".join(texts)
    while len(text) < LONG_CHARS:
        text += "\n\n" + "\n\n".join(texts)
    return text


def row_draft(reps: int) -> Row:
    """``draft`` on a 20,000-character article, against only finding its numbers."""
    article = _long_article()
    units = [(u.id, u.words) for u in load(DEFAULT_DATA).units]
    value, base = interleaved(
        lambda: timed(lambda: draft(article, units)), lambda: timed(lambda: find_numbers(article)), reps
    )
    note = f"{len(article):,} characters; goal: under 1 s"
    return Row("draft", "draft a 20k-character article", "find its numbers only", value, base, "s", None, note, 1.0)


def _cn2an_low(printed: str) -> Decimal | None:
    """What cn2an makes of a printed figure: its smart transform, then the first Arabic number, times 万/亿/成."""
    import cn2an

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            text = cn2an.transform(printed, "cn2an")
        except Exception:
            return None
    match = _ARABIC.search(text)
    if match is None:
        return None
    number = Decimal(match.group())
    rest = text[match.end() :]
    for word, size in (("万", 10_000), ("亿", 100_000_000), ("成", 10)):
        if rest.startswith(word):
            number *= size
    return number


def row_numerals() -> Row:
    """Chinese-numeral figures in the test articles read to the right value: this reader against cn2an."""
    gold = yaml.safe_load((ARTICLES / "gold.yaml").read_text(encoding="utf-8"))
    figures = [(p, Decimal(str(low))) for rows in gold.values() for p, low, _ in rows if _CHINESE_NUMERAL.search(p)]
    ours = sum(any(r.low == low for r in find_numbers(p)) for p, low in figures)
    theirs = sum(_cn2an_low(strip_spaces(p)) == low for p, low in figures)
    return Row(
        "numerals",
        "Chinese-numeral figures read right, this reader",
        "cn2an 0.5 transform",
        Stats.of([float(ours)]),
        Stats.of([float(theirs)]),
        "of " + str(len(figures)),
        1.0,
        "cn2an leaves 千余 and 数千 as text and turns 四川 into 4川; the reader stays hand-written",
        higher_is_better=True,
    )


KEPT_FIELDS = ("value", "qualifier", "unit", "region", "metric_zh", "programme")


def kept_fields(
    data: MetricsFile, folder: Path, corpus: MetricsFile | None = None, fields: tuple[str, ...] = KEPT_FIELDS
) -> dict[str, tuple[int, int]]:
    """For each field of ``KEPT_FIELDS``: of the curated facts of every article in ``folder``, how many the
    draft gave that field exactly as the curator recorded it (kept, out of how many).

    A curated fact is matched to the drafted fact of the same printed figure at the same place (the data file
    records a quote's text, not which of its printings: a clause printed in a headline and again in the text is
    matched at the printing the draft proposes); one that the draft missed counts as changed in every field. A
    programme counts as kept when the draft groups the fact with exactly the facts its curated programme holds (the
    curator only renames the group). ``corpus`` is the
    data the curator drafts against (its units and hints); by default ``data`` itself. ``fields`` may add
    ``as_of``, drafted with each source's date as ``published``.
    """
    corpus = corpus or data
    units = [(u.id, u.words) for u in corpus.units]
    suggestions = hints(corpus)
    articles = {s.id: s.article for s in data.sources if s.article and (folder / s.article).is_file()}
    dates = {s.article: str(s.published or "") for s in data.sources if s.id in articles}
    curated: dict[str, list[tuple[Fact, Reading | None]]] = {}
    for fact, own in zip(data.facts, data.readings(), strict=True):
        if fact.source in articles:
            curated.setdefault(articles[fact.source], []).append((fact, own))
    kept = dict.fromkeys(fields, 0)
    total = 0
    for name, facts in curated.items():
        article = (folder / name).read_text(encoding="utf-8")
        text = normalise(article)
        drafted = {c.reading.start: c for c in draft(article, units, suggestions, dates.get(name, "")).facts}
        places = occurrences(text, {normalise(f.quote) for f, _ in facts})
        pairs = []
        for fact, own in facts:
            spots = places.get(normalise(fact.quote), [])
            at = [spot + own.start for spot in spots] if own else []
            candidate = next((drafted[a] for a in at if a in drafted), None)  # the quote's text, at any printing
            pairs.append((fact, candidate))
        total += len(pairs)
        matched = [(f, c) for f, c in pairs if c is not None]
        for fact, c in matched:
            scale = fact.scale or ""
            printed = (c.reading.numeral, c.reading.numeral_to, c.reading.scale)
            kept["value"] += printed == (_decimal(fact.value), _decimal(fact.value_to), scale)
            kept["qualifier"] += c.reading.qualifier.value == fact.qualifier
            kept["unit"] += c.unit == fact.unit
            kept["region"] += c.region == fact.region
            kept["metric_zh"] += c.metric_zh == fact.metric_zh
            with_draft = {f.id for f, other in matched if other.group == c.group}
            with_curator = {f.id for f, _ in matched if f.programme == fact.programme}
            kept["programme"] += with_draft == with_curator
            if "as_of" in kept:
                kept["as_of"] += c.as_of == (fact.as_of or "")
    return {field: (count, total) for field, count in kept.items()}


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


CURATED_TEST_ARTICLES = ARTICLES / "curated.yaml"
"""The test articles as a curator recorded them, starting from the draft."""


def row_kept(shipped_folder: Path) -> Row:
    """The share of drafted fields a curator keeps: the shipped page, and the test articles curated from drafts."""
    shipped = load(DEFAULT_DATA)
    sets = {
        "shipped page": kept_fields(shipped, shipped_folder),
        "test articles": kept_fields(load(CURATED_TEST_ARTICLES), ARTICLES, corpus=shipped),
    }
    counts = {field: tuple(sum(c[field][i] for c in sets.values()) for i in (0, 1)) for field in KEPT_FIELDS}
    kept = sum(k for k, _ in counts.values())
    fields = sum(t for _, t in counts.values())
    reader_only = sum(counts[f][0] for f in ("value", "qualifier"))  # what the number reader alone gets right
    shares = "; ".join(f"{name} {_share(c):.2f}" for name, c in sets.items())
    detail = ", ".join(f"{field} {k}/{t}" for field, (k, t) in counts.items())
    return Row(
        "draft kept",
        "drafted fields the curator kept unchanged (shipped page and test articles)",
        "value and qualifier only",
        Stats.of([kept / fields]),
        Stats.of([reader_only / fields]),
        "share",
        None,
        f"{shares}; {detail}; goal ≥ 0.90",
        higher_is_better=True,
        minimum=0.9,
    )


REPORT_FIELDS = (*KEPT_FIELDS, "as_of")
"""The fields compared for the published reports: ``draft`` proposes a period for each of their figures too."""


def row_kept_reports(reports: Path, data_file: Path = DEFAULT_DATA) -> Row:
    """The share of drafted fields a curator keeps on the published reports (facts whose source's article is a
    file in ``reports``), as "draft kept" measures it, and how many of their figures the draft finds with their
    value: every one is the goal."""
    name, measured = "draft kept, published reports", "drafted fields the curator kept unchanged (published reports)"
    counts = kept_fields(load(data_file), reports, fields=REPORT_FIELDS) if reports.is_dir() else {}
    total = counts["value"][1] if counts else 0
    if not total:
        nothing = Stats.of([float("nan")])
        return Row(name, measured, "value and qualifier only", nothing, nothing, "share", None, "no curated reports")
    kept = sum(k for k, _ in counts.values())
    fields = sum(t for _, t in counts.values())
    reader_only = sum(counts[f][0] for f in ("value", "qualifier"))
    found = counts["value"][0]
    detail = ", ".join(f"{field} {k}/{t}" for field, (k, t) in counts.items())
    every = "" if found == total else ": NOT met"
    return Row(
        name,
        measured,
        "value and qualifier only",
        Stats.of([kept / fields]),
        Stats.of([reader_only / fields]),
        "share",
        None,
        f"{detail}; figures found with their value {found} of {total} (goal: all){every}; goal ≥ 0.85",
        higher_is_better=True,
        minimum=0.85,
        also_met=found == total,
    )


def row_kind() -> Row:
    """How often draft's suggested kind of intervention is the curator's, each programme of the shipped page and
    the test articles suggested from the other articles' programmes alone (held out by article)."""
    shipped, tests = load(DEFAULT_DATA), load(CURATED_TEST_ARTICLES)
    held: list[tuple[str, Example, list[str]]] = []  # (article, the programme as an example, its facts' words)
    for data in (shipped, tests):
        words: dict[str, list[str]] = {}
        article: dict[str, str] = {}
        for fact in data.facts:
            words.setdefault(fact.programme, []).extend((fact.metric_zh, fact.quote))
            article[fact.programme] = fact.source
        programmes = programme_kinds(data).examples[: len(data.programmes)]  # in order; the definitions follow
        held += [
            (article[p.id], e, words[p.id]) for p, e in zip(data.programmes, programmes, strict=True) if p.id in article
        ]
    definitions = programme_kinds(shipped).examples[len(shipped.programmes) :]
    right = usual = 0
    for source, example, words in held:
        others = [e for s, e, _ in held if s != source]
        like = Examples((*others, *definitions)).suggest(words)
        right += like is not None and like.answer == example.answer
        usual += Counter(e.answer for e in others).most_common(1)[0][0] == example.answer
    kind = "kind of intervention"
    return _held_out("draft kind", kind, "the most common kind", right, usual, len(held), "programmes")


def row_measure() -> Row:
    """How often draft's suggested measure is the curator's, each fact of the shipped page and the test articles
    suggested from the other articles' facts alone: the most alike fact of its unit, else its unit's usual measure."""
    facts = [*load(DEFAULT_DATA).facts, *load(CURATED_TEST_ARTICLES).facts]
    right = usual = 0
    for fact in facts:
        others = [f for f in facts if f.source != fact.source]
        common = Counter(f.measure for f in others if f.unit == fact.unit).most_common(1)
        by_unit = common[0][0] if common else ""
        like = fact_measures(others).suggest([fact.metric_zh], fact.unit)
        right += (like.answer if like else by_unit) == fact.measure
        usual += by_unit == fact.measure
    return _held_out("draft measure", "measure", "its unit's usual measure", right, usual, len(facts), "facts")


def _held_out(name: str, what: str, floor: str, right: int, usual: int, total: int, of: str) -> Row:
    """A row of suggestions checked held out by article: the share right, against ``floor``'s share."""
    return Row(
        name,
        f"suggested {what} is the curator's (each article's {of} held out)",
        floor,
        Stats.of([right / total]),
        Stats.of([usual / total]),
        "share",
        None,
        f"{right} of {total} {of} ({floor}: {usual})",
        higher_is_better=True,
    )


def _share(counts: dict[str, tuple[int, int]]) -> float:
    return sum(k for k, _ in counts.values()) / sum(t for _, t in counts.values())


BIG_FIGURES = 40_000
_PEAK = """
import runpy, sys
sys.argv = ["metrics", *sys.argv[1:]]
try:
    runpy.run_module("metrics", run_name="__main__")
except SystemExit:
    pass
sys.stdout.flush()
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec.
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(hwm.split()[1], file=sys.stderr)
"""


def big_files(folder: Path, figures: int = BIG_FIGURES) -> tuple[Path, Path]:
    """An article with ``figures`` figures (1 MB at 40,000), and a data file whose excluded entries name them all."""
    clauses = [f"全省各地培训{n}人次，新建车间{n % 997 + 1}个" for n in range(1, figures // 2 + 1)]
    article = folder / "big-article.txt"
    article.write_text("。".join(clauses) + "。", encoding="utf-8")
    shipped = DEFAULT_DATA.read_text(encoding="utf-8")
    vocabulary = shipped[shipped.index("\nunits:\n") : shipped.index("\nprogrammes:\n")]
    lines = [
        "sources:",
        "  - id: big",
        "    publisher: 测试日报",
        "    page: 第1版",
        '    published: "2025"',
        "    headline: 测试",
        "    byline: 本报记者",
        f"    article: {article.name}",
        vocabulary,
        "programmes:",
        "  - id: p",
        '    region: "420000"',
        "    name_zh: 项目",
        "    name_en: Programme",
        "    level: province",
        "    intervention: training",
        "    target_group: workers",
        "    place: 湖北省",
        "facts:",
        "  - id: f",
        '    region: "420000"',
        "    programme: p",
        "    metric: Trained",
        "    metric_zh: 培训",
        "    value: 1",
        "    unit: person-times",
        "    qualifier: exact",
        "    category: person-times",
        "    measure: participants",
        "    quote: 全省各地培训1人次",
        "    source: big",
        "excluded:",
    ]
    parts = dict.fromkeys(part for clause in clauses for part in clause.split("，"))  # one entry per text,
    parts.pop("全省各地培训1人次")  # which claims it wherever printed; the fact's quote is the fact's
    for part in parts:
        lines += [f"  - text: {part}", "    reason: generated", "    source: big"]
    lines.append(END_MARKER)
    data = folder / "big.yaml"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return article, data


def _run_peak(*args: str) -> tuple[float, float, str]:
    """Seconds, peak RSS in MB and stdout of ``python -m metrics ARGS`` in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - start
    return seconds, int(done.stderr.split()[-1]) / 1024, done.stdout


def rows_big_article(reps: int) -> list[Row]:
    """``draft`` and ``audit`` of a 1 MB article with 40,000 figures: each in ≤ 5 s and ≤ 200 MB."""
    with tempfile.TemporaryDirectory() as folder:
        article, data = big_files(Path(folder))
        size = article.stat().st_size
        floor = [_run_peak("validate", str(DEFAULT_DATA)) for _ in range(reps)]
        drafts = [_run_peak("draft", str(article)) for _ in range(reps)]
        audits = [_run_peak("audit", str(data), "--source-text", str(article)) for _ in range(reps)]
    if not audits[0][2].rstrip().endswith(": 0 numbers unaccounted for"):
        raise RuntimeError(f"the generated data file does not account for the article: {audits[0][2][-300:]}")
    rows = []
    for name, runs in (("draft", drafts), ("audit", audits)):
        peak = max(r[1] for r in runs)
        rows.append(
            Row(
                f"{name} 1 MB",
                f"{name} a {size / 2**20:.1f} MB article with {BIG_FIGURES:,} figures",
                "validate the shipped file",
                Stats.of([r[0] for r in runs]),
                Stats.of([r[0] for r in floor]),
                "s",
                None,
                f"peak RSS {peak:.0f} MB (goal ≤ 200 MB)" + ("" if peak <= 200 else ": NOT met"),
                5.0,
            )
        )
    return rows


CORPUS_FACTS = 20_000


def _articles_to(size: int) -> str:
    """The test articles end to end, repeated to at least ``size`` bytes: many paragraphs, regions and measures."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    text = "\n\n".join(texts)
    while len(text.encode()) < size:
        text += "\n\n" + "\n\n".join(texts)
    return text


def row_draft_corpus(reps: int) -> Row:
    """``draft`` of 1 MB of the test articles against 20,000 generated facts worded as curators word them (each
    suggestion by likeness is scored against them), beside the same draft against the shipped file: ≤ 5 s and
    ≤ 200 MB."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = write(CORPUS_FACTS, Path(folder) / "facts.yaml", varied=True)
        article = Path(folder) / "articles-1mb.txt"
        article.write_text(_articles_to(2**20), encoding="utf-8")
        large, shipped = [], []
        for _ in range(reps):  # interleaved
            large.append(_run_peak("draft", str(article), "--data", str(corpus)))
            shipped.append(_run_peak("draft", str(article), "--data", str(DEFAULT_DATA)))
    figures, programmes = (large[0][2].count(f"\n    {key}: ") for key in ("quote", "intervention"))
    peak = max(r[1] for r in large)
    return Row(
        "draft 1 MB, 20k facts",
        f"draft 1 MB of the test articles ({figures:,} figures, {programmes:,} programmes)"
        f" against {CORPUS_FACTS:,} generated facts",
        "the same against the shipped file",
        Stats.of([r[0] for r in large]),
        Stats.of([r[0] for r in shipped]),
        "s",
        None,
        f"peak RSS {peak:.0f} MB, shipped file {max(r[1] for r in shipped):.0f} MB (goal ≤ 200 MB)"
        + ("" if peak <= 200 else ": NOT met"),
        5.0,
    )
