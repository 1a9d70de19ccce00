"""Suggestions by likeness to what curators already recorded: a drafted programme's kind of intervention from
the curated programme whose words its figures share most, and a drafted figure's measure from the curated
figure of the same unit whose ``metric_zh`` it shares most.

Words are pairs of adjacent Chinese characters (培训, 车间, 创业), weighted by how few of the answers use them, so
that words used with every answer (就业, 人次) count for little. The examples grow with the data file.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from metrics.catalogue.schema import Fact, MetricsFile

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def word_pairs(text: str) -> Counter[str]:
    """Each pair of adjacent Chinese characters in ``text``, counted (no pair spans a digit or a mark)."""
    return Counter(run[i : i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1))


@dataclass(frozen=True)
class Example:
    answer: str
    """What the example suggests: an intervention id, or a measure id."""
    label: str
    """Where it comes from, for the draft's comment: ``programme <id>``, ``the definition of <id>``, ``fact <id>``."""
    pairs: Counter[str]
    unit: str = ""
    """For a figure, its unit: a figure is compared with figures of its own unit only."""


@dataclass(frozen=True)
class _Pool:
    """Examples of one unit (or all), indexed by the words they use, so a suggestion scores only the examples
    that share a word with it."""

    examples: list[Example]
    by_pair: dict[str, list[int]]
    """A word -> the positions of the examples using it."""
    weight: dict[str, float]
    """A word -> how much it counts: more the fewer answers use it (+ 1: a word of every answer counts a little)."""

    @classmethod
    def of(cls, examples: list[Example]) -> _Pool:
        by_pair: dict[str, list[int]] = {}
        answers_using: dict[str, set[str]] = {}
        for index, example in enumerate(examples):
            for pair in example.pairs:
                by_pair.setdefault(pair, []).append(index)
                answers_using.setdefault(pair, set()).add(example.answer)
        answers = len({example.answer for example in examples}) + 1
        weight = {pair: math.log(answers / len(using)) for pair, using in answers_using.items()}
        return cls(examples, by_pair, weight)


@dataclass(frozen=True)
class Examples:
    examples: tuple[Example, ...] = ()
    _pools: dict[str | None, _Pool] = field(default_factory=dict, compare=False, repr=False)
    """Built on first use, per unit asked for."""

    def suggest(self, texts: Iterable[str], unit: str | None = None) -> Example | None:
        """The example (of ``unit``, where given) whose words ``texts`` share most, rare words weighing more, the
        first in order among equals; None when none shares any."""
        pairs = word_pairs("。".join(texts))
        if unit not in self._pools:
            self._pools[unit] = _Pool.of([e for e in self.examples if unit is None or e.unit == unit])
        pool = self._pools[unit]
        scores: dict[int, float] = {}
        for pair, count in pairs.items():
            for index in pool.by_pair.get(pair, ()):
                example = pool.examples[index]
                scores[index] = scores.get(index, 0.0) + min(count, example.pairs[pair]) * pool.weight[pair]
        if not scores:
            return None
        best = max(scores, key=lambda index: (scores[index], -index))
        return pool.examples[best] if scores[best] > 0 else None


def programme_kinds(data: MetricsFile) -> Examples:
    """Each programme (its name and its facts' metric_zh and quotes) and each intervention's own name and
    definition, answering with a kind of intervention."""
    texts: dict[str, list[str]] = {p.id: [p.name_zh] for p in data.programmes}
    for fact in data.facts:
        texts.setdefault(fact.programme, []).extend((fact.metric_zh, fact.quote))
    examples = [
        Example(p.intervention, f"programme {p.id}", word_pairs("。".join(texts[p.id]))) for p in data.programmes
    ]
    examples += [
        Example(term.id, f"the definition of {term.id}", word_pairs(f"{term.name_zh}。{term.definition_zh}"))
        for term in data.interventions
    ]
    return Examples(tuple(examples))


def fact_measures(facts: Iterable[Fact]) -> Examples:
    """Each fact's metric_zh, with its unit, answering with its measure."""
    return Examples(tuple(Example(f.measure, f"fact {f.id}", word_pairs(f.metric_zh), f.unit) for f in facts))
