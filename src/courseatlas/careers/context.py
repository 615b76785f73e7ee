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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from courseatlas.search import analyzers

MAX_TERMS = 60
# What one occurrence weighs, by where it is written.
TITLE, ALTERNATE, SUMMARY, SKILL, TOPIC, TASK, ACTIVITY, FIELD, TOOL, TECHNOLOGY = (
    4.0,
    0.25,
    1.0,
    2.0,
    2.0,
    0.6,
    0.5,
    1.0,
    0.25,
    0.15,
)
# The subject a title names ("Physicists": physics) weighs nearly as much as the title's
# heaviest word, however many occupations' texts use it ("physical" is everywhere).
SUBJECT = 8.0
SUBJECT_SHARE = 0.9
SUBJECT_COUNT = 100
MAX_ALTERNATES = 30
# A word in no occupation's texts (a guide's "Kubernetes") or in one or two counts as if in
# one in 300 of them: rarity alone is no sign of meaning ("organisation" is only spelled so
# in guides).
FLOOR_SHARE = 1 / 300
# How the weighted count of a word grows its weight: less than in proportion, so that a word
# its tasks and titles repeat outweighs a rare word of one tool name, without one word of
# every task (``install``) taking over.
TF_POWER = 0.6
_NUMBER = re.compile(r"^\d+$")
# Words of O*NET's and the guides' prose that say nothing about the work itself, though
# few occupations' texts use them (so their rarity would make them weigh).
GENERIC = frozenset(
    [
        "also",
        "ask",
        "attempt",
        "basis",
        "become",
        "better",
        "decide",
        "devise",
        "elite",
        "happening",
        "induce",
        "introducing",
        "leverage",
        "likely",
        "next",
        "nonstandard",
        "relevant",
        "someone",
        "transform",
        "understand",
        "understood",
        "what",
        "whether",
        "wider",
        "you",
        "your",
    ]
)
# A worker's name and the subject it comes from: "chemist" -> "chemistry", "physicist" ->
# "physics", "electrician" -> "electrical", "psychologist" -> "psychology".
_SUBJECT_ENDINGS: tuple[tuple[str, tuple[Callable[[str, str], str], ...]], ...] = (
    (
        "ist",
        (
            lambda root, _: root + "y",  # biology, psychology, pharmacy
            lambda _, word: word + "ry",  # chemistry
            lambda root, _: root + "s",  # physics
        ),
    ),
    ("ian", (lambda root, _: root + "al", lambda root, _: root + "s")),  # electrical, statistics
)


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
    """The stems of a text that can carry meaning: no numbers, no one- or two-letter stems,
    no generic words."""
    return [
        s
        for s in analyzers.stems(value)
        if len(s) > 2 and not _NUMBER.match(s) and s not in _generic_stems()
    ]


@cache
def _generic_stems() -> frozenset[str]:
    return frozenset(stem for word in GENERIC for stem in analyzers.stems(word))


def subjects(title: str, frequency: Mapping[str, int]) -> list[str]:
    """The subject each worker's name in a title comes from, where the occupations' texts
    write it: "Chemists" -> "chemistry", "Physicists" -> "physics", "Electricians" ->
    "electrical" (the first form that the texts use; never "chemy" or "physicics")."""
    found = []
    for word in analyzers.words(title):
        singular = word[:-1] if word.endswith("s") else word
        for ending, forms in _SUBJECT_ENDINGS:
            if singular.endswith(ending) and len(singular) > len(ending) + 2:
                root = singular[: -len(ending)]
                options = [form(root, singular) for form in forms]
                found += [o for o in options if (t := terms(o)) and t[0] in frequency][:1]
    return list(dict.fromkeys(found))


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
    sources = list(sources)
    titles = [value for source in sources if source.weight == TITLE for value in source.texts]
    named = [subject for title in titles for subject in subjects(title, frequency)]
    for source in [*sources, Source(tuple(named), SUBJECT)]:
        for value in source.texts:
            for word in analyzers.words(value):
                stems = terms(word)
                if stems:
                    weight[stems[0]] += source.weight
                    # A subject is searched for as written ("physics", not "physical").
                    spelled[stems[0]][word] += SUBJECT_COUNT if source.weight == SUBJECT else 1
    floor = FLOOR_SHARE * occupations
    scored = {
        stem: total**TF_POWER
        * math.log((1 + occupations) / (1 + max(floor, frequency.get(stem, 0))))
        for stem, total in weight.items()
    }
    heaviest = max(scored.values(), default=0.0)
    for subject in named:
        for stem in terms(subject)[:1]:
            scored[stem] = max(scored[stem], SUBJECT_SHARE * heaviest)
    best = sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:MAX_TERMS]
    top = best[0][1] if best and best[0][1] > 0 else 1.0
    return {
        spelled[stem].most_common(1)[0][0]: round(value / top, 3)
        for stem, value in best
        if value > 0
    }
