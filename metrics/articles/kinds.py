"""A suggested kind of intervention for a drafted programme: the kind of the curated programme, or of the
vocabulary entry, whose words its figures share most.

Words are pairs of adjacent Chinese characters (培训, 车间, 创业), weighted by how few kinds use them, so that
words programmes of every kind use (就业, 人次) count for little. The examples grow with the data file.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from metrics.catalogue.schema import MetricsFile

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def word_pairs(text: str) -> Counter[str]:
    """Each pair of adjacent Chinese characters in ``text``, counted (no pair spans a digit or a mark)."""
    return Counter(run[i : i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1))


@dataclass(frozen=True)
class Example:
    kind: str
    """An intervention id."""
    label: str
    """Where the example comes from, for the draft's comment: ``programme <id>`` or ``the definition of <kind>``."""
    pairs: Counter[str]


@dataclass(frozen=True)
class Kinds:
    examples: tuple[Example, ...] = ()

    def suggest(self, texts: Iterable[str]) -> Example | None:
        """The example whose words ``texts`` share most, rare words weighing more; None when none shares any."""
        pairs = word_pairs("。".join(texts))
        if not pairs or not self.examples:
            return None
        kinds_using: dict[str, set[str]] = {}
        for example in self.examples:
            for pair in example.pairs:
                kinds_using.setdefault(pair, set()).add(example.kind)
        total = len({example.kind for example in self.examples})

        def score(example: Example) -> float:
            return sum(
                min(count, example.pairs[pair]) * math.log(total / len(kinds_using[pair]))
                for pair, count in pairs.items()
                if pair in example.pairs
            )

        best = max(self.examples, key=score)
        return best if score(best) > 0 else None


def kinds(data: MetricsFile) -> Kinds:
    """Examples from a data file: each programme (its name and its facts' metric_zh and quotes) and each
    intervention's own name and definition."""
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
    return Kinds(tuple(examples))
