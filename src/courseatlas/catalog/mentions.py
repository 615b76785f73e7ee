"""Finds known names (skills, careers) mentioned in free text, longest match first. Pure.

"learn SQL for data analysis" mentions SQL and Data Analysis; "machine learning engineer"
is one career, not the skill Machine Learning followed by a stray word.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from courseatlas.text import alias_key

MAX_NAME_WORDS = 6

T = TypeVar("T")


@dataclass(frozen=True)
class Mention(Generic[T]):
    start: int  # word positions, end exclusive
    end: int
    text: str  # the words as written
    value: T


def find_mentions(
    tokens: list[str],
    lookup: Mapping[str, T],
    key: Callable[[str], str] = alias_key,
    longest: int = MAX_NAME_WORDS,
    taken: set[int] | None = None,
    accept: Callable[[str, T], bool] | None = None,
) -> list[Mention[T]]:
    """Runs of ``tokens`` whose ``key`` is in ``lookup``, without overlaps, longest first.

    ``taken`` holds word positions already claimed by another vocabulary; the words of each
    mention found are added to it. ``accept`` may refuse a match (an ambiguous spelling).
    """
    taken = set() if taken is None else taken
    found: list[Mention[T]] = []
    for size in range(min(longest, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            positions = range(start, start + size)
            if any(p in taken for p in positions):
                continue
            text = " ".join(tokens[start : start + size])
            value = lookup.get(key(text))
            if value is None or (accept is not None and not accept(text, value)):
                continue
            found.append(Mention(start, start + size, text, value))
            taken.update(positions)
    return sorted(found, key=lambda mention: mention.start)


def candidate_keys(
    tokens: list[str], key: Callable[[str], str] = alias_key, longest: int = MAX_NAME_WORDS
) -> set[str]:
    """Every key ``find_mentions`` may look up: for fetching just those rows from a table."""
    return {
        key(" ".join(tokens[start : start + size]))
        for size in range(1, min(longest, len(tokens)) + 1)
        for start in range(len(tokens) - size + 1)
    }
