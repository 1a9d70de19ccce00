"""Suggestions by likeness: the indexed, vectorised and remembered scoring picks what scoring every example one
by one would pick."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.articles.similar import Example, Examples, word_pairs

_CHARACTERS = "培训就业岗位车间毕业生"
"""Few characters, so that examples share words often and tie often."""
_texts = st.text(alphabet=_CHARACTERS + "1，", min_size=0, max_size=12)
_examples = st.lists(
    st.tuples(st.sampled_from("abcd"), _texts, st.sampled_from(("persons", "events"))), min_size=0, max_size=30
)
_queries = st.lists(
    st.tuples(st.lists(_texts, min_size=1, max_size=3), st.sampled_from((None, "persons", "events"))),
    min_size=1,
    max_size=12,
)


def _one_by_one(examples: list[Example], texts: list[str], unit: str | None) -> Example | None:
    """The suggestion as its definition says, without an index: every example of the unit scored on its own, the
    words in the order the text gives them, the first of the highest scores kept."""
    pool = [e for e in examples if unit is None or e.unit == unit]
    using: dict[str, set[str]] = {}
    for example in pool:
        for pair in example.pairs:
            using.setdefault(pair, set()).add(example.answer)
    answers = len({e.answer for e in pool}) + 1
    pairs = word_pairs("。".join(texts))
    best, best_score = None, 0.0
    for example in pool:
        score = 0.0
        for pair, count in pairs.items():
            if pair in example.pairs:
                score += min(count, example.pairs[pair]) * math.log(answers / len(using[pair]))
        if score > best_score:
            best, best_score = example, score
    return best


@settings(max_examples=300, deadline=None)
@given(_examples, _queries)
def test_a_suggestion_is_the_first_of_the_most_alike_examples_scored_one_by_one(
    rows: list[tuple[str, str, str]], queries: list[tuple[list[str], str | None]]
) -> None:
    examples = [Example(answer, f"fact {i}", word_pairs(text), unit) for i, (answer, text, unit) in enumerate(rows)]
    suggestions = Examples(tuple(examples))
    for texts, unit in [*queries, *queries]:  # asked again, as a draft does for a repeated metric_zh
        assert suggestions.suggest(texts, unit) is _one_by_one(examples, texts, unit)


def test_of_equally_alike_examples_the_first_is_suggested() -> None:
    examples = [Example("a", "fact 1", word_pairs("培训人数")), Example("b", "fact 2", word_pairs("培训人数"))]
    assert Examples(tuple(examples)).suggest(["培训人数"]) is examples[0]
    assert Examples(tuple(reversed(examples))).suggest(["培训人数"]) is examples[1]


def test_a_text_sharing_no_word_with_any_example_gets_no_suggestion() -> None:
    examples = (Example("a", "fact 1", word_pairs("培训人数"), "persons"),)
    assert Examples(examples).suggest(["新建车间"], "persons") is None
    assert Examples(examples).suggest(["培训人数"], "events") is None
