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

import numpy as np

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
    """Examples of one unit (or all), indexed by the words they use: for each word, the positions of the examples
    using it, how often each uses it, and its weight, so that a suggestion adds up each of its words' scores over
    all the examples at once."""

    examples: list[Example]
    postings: dict[str, tuple[np.ndarray, np.ndarray, float]]
    """A word -> the positions of the examples using it, how often each does, and how much the word counts: more
    the fewer answers use it (+ 1: a word of every answer counts a little)."""

    @classmethod
    def of(cls, examples: list[Example]) -> _Pool:
        using: dict[str, tuple[list[int], list[int], set[str]]] = {}  # positions, counts, answers
        for index, example in enumerate(examples):
            for pair, count in example.pairs.items():
                positions, counts, answers_using = using.get(pair) or using.setdefault(pair, ([], [], set()))
                positions.append(index)
                counts.append(count)
                answers_using.add(example.answer)
        answers = len({example.answer for example in examples}) + 1
        postings = {
            pair: (np.array(positions, dtype=np.intp), np.array(counts), math.log(answers / len(answers_using)))
            for pair, (positions, counts, answers_using) in using.items()
        }
        return cls(examples, postings)

    def best(self, pairs: Counter[str]) -> Example | None:
        """The example whose words ``pairs`` share most (each shared word counts its weight times the lesser of
        its two counts), the first in order among equals; None when none shares any.

        Each example's score is added up word by word in the order of ``pairs``, as a loop over the examples
        would, so equal scores stay equal to the last bit and the first of them wins.
        """
        scores: np.ndarray | None = None
        for pair, count in pairs.items():
            posting = self.postings.get(pair)
            if posting is None:
                continue
            positions, counts, weight = posting
            if scores is None:
                scores = np.zeros(len(self.examples))
            scores[positions] += weight if count == 1 else np.minimum(counts, count) * weight
        if scores is None:
            return None
        best = int(scores.argmax())  # the first of the highest
        return self.examples[best] if scores[best] > 0 else None


MEMO_SIZE = 10_000
"""Suggestions remembered per ``Examples``, by text and unit (a draft asks at most ``MAX_ENTRIES`` of them)."""


@dataclass(frozen=True)
class Examples:
    examples: tuple[Example, ...] = ()
    _pools: dict[str | None, _Pool] = field(default_factory=dict, compare=False, repr=False)
    """Built on first use, per unit asked for."""
    _memo: dict[tuple[str, str | None], Example | None] = field(default_factory=dict, compare=False, repr=False)
    """Suggestions already made: a draft asks for the same ``metric_zh`` and unit many times."""

    def suggest(self, texts: Iterable[str], unit: str | None = None) -> Example | None:
        """The example (of ``unit``, where given) whose words ``texts`` share most, rare words weighing more, the
        first in order among equals; None when none shares any."""
        text = "。".join(texts)
        key = (text, unit)
        if key in self._memo:
            return self._memo[key]
        if unit not in self._pools:
            self._pools[unit] = _Pool.of([e for e in self.examples if unit is None or e.unit == unit])
        like = self._pools[unit].best(word_pairs(text))
        if len(self._memo) < MEMO_SIZE:
            self._memo[key] = like
        return like


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
