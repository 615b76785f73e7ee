"""Why a result matched when its title does not say: a skill, a person (author, instructor,
provider) or a topic that holds words the title lacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from courseatlas.search import analyzers

# Stored text fields, and what a match in each is called.
FIELDS = (("skills", "skill"), ("people", "person"), ("topics", "topic"))
MAX_REASONS = 3
# Skills, topics and people recur across results: their stems are remembered, boundedly.
REMEMBERED_VALUES = 50_000


def wanted(words: Sequence[str]) -> frozenset[str]:
    """The stems a result is to be explained by, once per query."""
    return frozenset(stem for word in words for stem in analyzers.stems(word))


def matched_by(
    wanted: frozenset[str], title: str, values: Callable[[str], Sequence[str]]
) -> list[dict[str, str]]:
    """(field, value) pairs naming where the wanted stems the title lacks were found;
    ``values`` gives a stored field's values, asked only when the title lacks some."""
    if not wanted:
        return []
    missing = wanted - _stems(title)
    if not missing:
        return []
    found: list[dict[str, str]] = []
    for name, field in FIELDS:
        for value in values(name):
            if missing & _remembered_stems(value):
                found.append({"field": field, "value": value})
    return found[:MAX_REASONS]


def _stems(text: str) -> frozenset[str]:
    return frozenset(analyzers.stems(text))


_remembered_stems = lru_cache(maxsize=REMEMBERED_VALUES)(_stems)
