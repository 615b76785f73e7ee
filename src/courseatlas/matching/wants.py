"""What a learner wants covered: weighted skills and words, and topics. Careers, goals and
"more like this" all become a ``Profile``, and one ranker serves the three."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from courseatlas.catalog.names import seed_skills
from courseatlas.search import analyzers
from courseatlas.text import alias_key, singular

# Spellings too ambiguous to search for: common words, or one or two letters ("Go", "R").
AMBIGUOUS = frozenset(
    {"go", "rest", "spring", "node", "shell", "testing", "rails", "mongo", "unity", "ui", "ux"}
)
# Searchable spellings for skills whose every spelling is ambiguous.
EXTRA_SPELLINGS = {
    "go": ("Golang", "Go programming"),
    "c": ("C programming", "C language"),
    "r": ("R programming", "R language"),
}
MAX_SPELLINGS = 4


@dataclass(frozen=True)
class Want:
    """One thing to cover: a skill (matched by its links and its spellings) or plain words."""

    key: str  # "skill:<slug>" or "words:<text>"
    label: str
    weight: float  # in (0, 1]
    spellings: tuple[str, ...] = ()  # what to search the index for
    skill_id: int | None = None
    skill_slug: str | None = None
    # How much it sets this career apart (1: no other career lists it); see ``profiles``.
    distinctive: float = 1.0


@dataclass(frozen=True)
class Profile:
    wants: tuple[Want, ...]
    topic_paths: tuple[str, ...] = ()
    exclude: frozenset[int] = field(default_factory=frozenset)  # resource ids
    text: str = ""  # what it is about in words, compared by meaning when that layer is on
    # Context terms (word -> weight): what a career's work is about, to tell senses apart and
    # to find resources that name no skill; see ``matching.context``.
    context: Mapping[str, float] = field(default_factory=dict)
    # What builds on what, as a guide says: want key -> the want keys it builds on.
    prerequisites: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.wants and not self.topic_paths


def skill_want(
    skill_id: int, slug: str, name: str, weight: float, distinctive: float = 1.0
) -> Want:
    return Want(f"skill:{slug}", name, weight, spellings(name), skill_id, slug, distinctive)


def words_want(phrase: str, weight: float, *variants: str) -> Want:
    """Plain words to find, as a phrase; ``variants`` are other ways to say it."""
    options = [p for p in dict.fromkeys((phrase, *variants)) if len(alias_key(p)) > 2]
    return Want(f"words:{' '.join(analyzers.words(phrase))}", phrase, weight, tuple(options))


def merge_wants(wants: Iterable[Want]) -> tuple[Want, ...]:
    """One want per key, at its largest weight, heaviest first."""
    best: dict[str, Want] = {}
    for want in wants:
        if want.key not in best or best[want.key].weight < want.weight:
            best[want.key] = want
    return tuple(sorted(best.values(), key=lambda w: (-w.weight, w.key)))


def spellings(name: str) -> tuple[str, ...]:
    """How to search the index for a skill: its name and synonyms, minus the ambiguous ones
    and those another spelling already finds ("Excel" finds "Microsoft Excel")."""
    key = alias_key(name)
    options = (*_synonyms().get(key, (name,)), *EXTRA_SPELLINGS.get(key, ()))
    by_words: dict[frozenset[str], str] = {}
    for option in filter(_searchable, options):
        by_words.setdefault(frozenset(map(singular, analyzers.words(option))), option)
    kept = [
        option
        for own, option in by_words.items()
        if own and not any(other and other < own for other in by_words)
    ]
    return tuple(kept[:MAX_SPELLINGS])


def spelling_pattern(*spellings: str) -> re.Pattern[str]:
    """Any of the spellings, its words in a row, each also in plural, in ``normal_text``."""
    options = [
        r"[\W_]+".join(_inflected(word) for word in analyzers.words(spelling))
        for spelling in spellings
    ]
    return re.compile(r"\b(?:" + "|".join(o for o in options if o) + r")\b")


class Spelled:
    """Whether a text (in ``normal_text`` form) says one of the spellings, word for word."""

    def __init__(self, spellings: tuple[str, ...]) -> None:
        self.pattern = spelling_pattern(*spellings)
        # What every match contains: a substring test rules most texts out cheaply.
        self.needles = tuple({_stem(w[0])[0] for s in spellings if (w := analyzers.words(s))})

    def said_in(self, normal: str) -> bool:
        return any(n in normal for n in self.needles) and self.pattern.search(normal) is not None


def _inflected(word: str) -> str:
    """A word in singular or plural: "api" and "apis", "analysis" and "analyses"."""
    stem, endings = _stem(word)
    return re.escape(stem) + endings


def _stem(word: str) -> tuple[str, str]:
    """The part of a word its singular and plural share, and the endings either may have."""
    if len(word) > 4 and word.endswith("is"):
        return word[:-2], "(?:is|es)"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3], "(?:y|ies)"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1], "(?:s|es)?"
    if len(word) > 2 and word.endswith("y"):
        return word[:-1], "(?:y|ies)"
    return word, "(?:s|es)?"


def normal_text(value: str) -> str:
    """Lower case, symbols spelled out ("C#" is "csharp"), as ``analyzers.words`` has it."""
    return analyzers.spell_out(value).casefold()


def _searchable(spelling: str) -> bool:
    stems = analyzers.stems(spelling)
    if len(stems) == 1 and stems[0] in _ambiguous_stems():
        return False
    return (
        len(alias_key(analyzers.spell_out(spelling))) > 2 and alias_key(spelling) not in AMBIGUOUS
    )


@cache
def _ambiguous_stems() -> frozenset[str]:
    return frozenset(stem for word in AMBIGUOUS for stem in analyzers.stems(word))


@cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    """Canonical skill key -> its spellings as written in the bundled vocabulary."""
    return {alias_key(names[0]): tuple(names) for names in seed_skills()}
