"""What a career's work is about in words: its context terms, derived from everything known. Pure.

The words of its titles, summary, tasks, detailed work activities, tools, technologies, guide
skills, topics and field, each source weighted by how much it says (a title more than a tool),
and each word by how specific it is to few occupations: "patient" and "kitchen" set a nurse
and a chef apart, "ensure" and "information" are in every occupation's tasks. Matching reads
a resource's words against these to tell the senses of a skill apart ("Anatomy" next to
"patient" and "clinical" is nursing, next to "drawing" and "figure" it is art).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from courseatlas.search import analyzers

MAX_TERMS = 60
# What one occurrence weighs, by where it is written.
TITLE, ALTERNATE, SUMMARY, SKILL, TOPIC, TASK, ACTIVITY, FIELD, TOOL, TECHNOLOGY = (
    4.0,
    0.25,
    1.5,
    2.0,
    2.0,
    0.6,
    0.5,
    1.0,
    0.25,
    0.15,
)
MAX_ALTERNATES = 30
# A word in no occupation's texts (a guide's "Kubernetes") counts as if in a few: rarity
# alone is no sign of meaning ("organisation" is only spelled so in guides).
FLOOR_FREQUENCY = 3
# How the weighted count of a word grows its weight: less than in proportion, so that a word
# its tasks and titles repeat outweighs a rare word of one tool name, without one word of
# every task (``install``) taking over.
TF_POWER = 0.6
_NUMBER = re.compile(r"^\d+$")


@dataclass(frozen=True)
class Source:
    """Texts about a career and what each occurrence of a word in them weighs."""

    texts: tuple[str, ...]
    weight: float


def occupation_sources(occupation: Mapping[str, object]) -> list[Source]:
    """The O*NET texts of one occupation (as stored: tasks, activities, tools, ...)."""

    def names(key: str) -> tuple[str, ...]:
        items = occupation.get(key) or []
        assert isinstance(items, list)
        return tuple(item["name"] if isinstance(item, dict) else str(item) for item in items)

    tasks = occupation.get("tasks") or []
    assert isinstance(tasks, list)
    alternates = occupation.get("alternate_titles") or []
    assert isinstance(alternates, list)
    return [
        Source((str(occupation.get("title", "")),), TITLE),
        Source(tuple(alternates[:MAX_ALTERNATES]), ALTERNATE),
        Source((str(occupation.get("description", "")),), SUMMARY),
        Source(tuple(task["text"] for task in tasks), TASK),
        Source(names("activities"), ACTIVITY),
        Source(names("tools"), TOOL),
        Source(names("technologies"), TECHNOLOGY),
    ]


def terms(value: str) -> list[str]:
    """The stems of a text that can carry meaning: no numbers, no one- or two-letter stems."""
    return [s for s in analyzers.stems(value) if len(s) > 2 and not _NUMBER.match(s)]


def document_frequency(occupations: Iterable[Iterable[Source]]) -> tuple[Counter[str], int]:
    """In how many occupations each stem is written (their O*NET texts), and how many."""
    counts: Counter[str] = Counter()
    total = 0
    for sources in occupations:
        total += 1
        counts.update(
            {stem for source in sources for value in source.texts for stem in terms(value)}
        )
    return counts, total


def context_terms(
    sources: Iterable[Source], frequency: Mapping[str, int], occupations: int
) -> dict[str, float]:
    """Word -> weight in (0, 1], the MAX_TERMS heaviest: the weighted count of each
    stem (to the power TF_POWER) times its inverse occupation frequency. Keyed by the stem's most written word, so
    that it can be searched for and stemmed again the way the index stems."""
    weight: defaultdict[str, float] = defaultdict(float)
    spelled: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for source in sources:
        for value in source.texts:
            for word in analyzers.words(value):
                stems = terms(word)
                if stems:
                    weight[stems[0]] += source.weight
                    spelled[stems[0]][word] += 1
    scored = {
        stem: total**TF_POWER
        * math.log((1 + occupations) / (1 + max(FLOOR_FREQUENCY, frequency.get(stem, 0))))
        for stem, total in weight.items()
    }
    best = sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:MAX_TERMS]
    top = best[0][1] if best and best[0][1] > 0 else 1.0
    return {
        spelled[stem].most_common(1)[0][0]: round(value / top, 3)
        for stem, value in best
        if value > 0
    }
