"""How a candidate resource scores against a profile, and how a result list is diversified. Pure.

score = coverage * (1 + QUALITY_BOOST * quality / MAX_QUALITY) + TOPIC_BONUS
  coverage: each wanted skill the resource covers contributes
              weight^2 x (1 + distinctive) / 2 x evidence
            weight: what the career (or goal) gives the skill, squared so that its core
            skills dominate its incidental ones ("Nursing" 1.0 for a nurse, "Communication"
            0.8 -> 0.64); distinctive: how few other careers list the skill (an inverse
            document frequency over the career guides: "Communication" is in most of them,
            so a course on communication is no nursing course); evidence: linked skill 1.0,
            named in the title 0.9, in the description 0.5; a link counts less when the
            resource is linked to many skills (sqrt(FOCUS / links), as a catalog that tags a
            course with fifteen skills says little about each). The contributions, largest
            first, count 1, DECAY, DECAY^2, ... (diminishing returns: one core skill beats
            three incidental ones), scaled by the best coverage the profile allows.
            Resources filed only under topics unrelated to the profile's (or, with context
            terms, to its context) count OFF_TOPIC, their coverage and context alike.
  quality:  ``catalog.quality.quality``: a Bayesian average of the ratings (so 5 stars from
            3 reviews do not beat 4.7 from 30,000) and the popularity, 0 to 0.6. It scales
            relevance rather than adding to it: a famous course on something else stays out.
  topic:    a bonus when the resource is filed under one of the profile's topics.
  meaning:  with the semantic layer on, MEANING_WEIGHT x how far the cosine similarity of the
            resource's text to the profile's (a career's title and summary, a goal) rises
            above MEANING_FLOOR, scaled to 0..1. Measured on the judged set (docs/careers.md).
A resource qualifies with a topic match, a skill linked or named in its title, two skills
named in its description, or a text very close in meaning (MEANING_QUALIFIES): one passing
mention in a novel's blurb is not a match.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, Literal

from courseatlas.catalog.quality import quality
from courseatlas.matching.context import about
from courseatlas.matching.wants import Want
from courseatlas.search import analyzers
from courseatlas.text import alias_key

TAGGED, TITLE, DESCRIPTION = 1.0, 0.9, 0.5
Evidence = Literal["tagged", "title", "description"]
DECAY = 0.35
OFF_TOPIC = 0.6
QUALITY_BOOST = 0.6
MAX_QUALITY = 0.6  # the largest value ``catalog.quality.quality`` returns
TOPIC_BONUS = 0.1
PER_SOURCE = 4  # results in ten from one provider (courses) or publisher or author (books)
REPEAT = 0.9  # a skill already covered by n results counts REPEAT**n for the next one
MEANING_FLOOR = 0.3  # cosine similarity below which two texts share nothing worth counting
MEANING_WEIGHT = 1.0
MEANING_QUALIFIES = 0.4
# The sense check (profiles with context terms, see ``matching.context``): evidence of a want
# counts in full when the resource is at least SENSE_FULL about the context, and down to
# SENSE_MIN of it (a skill link: SENSE_MIN_TAGGED) when it is about none of it.
SENSE_FULL = 0.15
SENSE_MIN = 0.1
SENSE_MIN_TAGGED = 0.5
CONTEXT_WEIGHT = 0.8
# The relevance floor: below it a resource is filler, and fewer results are shown.
FLOOR = 0.3
CONTEXT_MIN = 0.15
CROWDED = 0.8  # a provider with PER_SOURCE picks in ten: its next one counts this much


@dataclass
class Candidate:
    id: int
    kind: str
    title: str
    level: str | None
    source_key: str | None  # provider for courses, publisher or first author for books
    rating: float | None
    rating_count: int | None
    popularity: int | None
    duration_hours: float | None
    free: bool | None = None
    evidence: dict[str, float] = field(default_factory=dict)  # want key -> strength
    how: dict[str, Evidence] = field(default_factory=dict)  # want key -> what it rests on
    topic: str | None = None  # the profile topic it is filed under
    off_topic: bool = False  # filed under topics, none related to the profile's
    similarity: float | None = None  # cosine to the profile's text (semantic layer on)
    context: float | None = None  # how much it is about the profile's context, 0 to 1
    context_found: dict[str, float] = field(default_factory=dict)  # stem -> share of it
    filed_as: set[str] = field(default_factory=set)  # want keys it has a topic named after
    score: float = 0.0

    @property
    def meaning(self) -> float:
        """How close in meaning, 0 to 1: the similarity above MEANING_FLOOR."""
        if self.similarity is None:
            return 0.0
        return max(0.0, (self.similarity - MEANING_FLOOR) / (1 - MEANING_FLOOR))

    @cached_property
    def title_stems(self) -> frozenset[str]:
        return frozenset(analyzers.stems(self.title))

    @cached_property
    def quality(self) -> float:
        return quality(self.rating, self.rating_count, self.popularity)

    def as_dict(self) -> dict[str, Any]:
        """Its fields, as JSON holds them (``from_dict`` reads them back)."""
        found = {f.name: getattr(self, f.name) for f in fields(self)}
        return {**found, "filed_as": sorted(self.filed_as)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Candidate:
        return cls(**{**data, "filed_as": set(data["filed_as"])})

    def add(self, key: str, strength: float, how: Evidence) -> None:
        """Evidence that it covers a want; the strongest piece counts."""
        if strength > self.evidence.get(key, 0.0):
            self.evidence[key] = strength
            self.how[key] = how


@dataclass(frozen=True)
class Weights:
    """Each want's effective weight: its weight squared, halved for skills every career has."""

    by_key: Mapping[str, float]
    stems: Mapping[str, frozenset[str]] = field(default_factory=dict)  # want key -> its stems

    @classmethod
    def of(cls, wants: Iterable[Want]) -> Weights:
        wants = list(wants)
        return cls(
            {w.key: w.weight**2 * (1 + w.distinctive) / 2 for w in wants},
            {w.key: frozenset(s for o in w.spellings for s in analyzers.stems(o)) for w in wants},
        )

    @cached_property
    def best(self) -> float:
        """The coverage of a resource that covered every want with the strongest evidence."""
        return _combined(self.by_key.values()) or 1.0

    def coverage(
        self,
        candidate: Candidate,
        seen: Counter[str] | None = None,
        senses: Mapping[str, float] | None = None,
    ) -> float:
        """``senses``: the candidate's ``senses``, when scored again and again (diversifying)."""
        seen = seen or Counter()
        senses = self.senses(candidate) if senses is None else senses
        parts = [
            self.by_key[key] * strength * REPEAT ** seen[key] * senses[key]
            for key, strength in candidate.evidence.items()
            if key in self.by_key
        ]
        return _combined(parts) / self.best

    def senses(self, candidate: Candidate) -> dict[str, float]:
        return {key: self.sense(candidate, key) for key in candidate.evidence if key in self.by_key}

    def sense(self, candidate: Candidate, key: str) -> float:
        """How much a want's evidence counts, by how much the resource's other words are about
        the context: a skill's name among words about something else is another sense."""
        if candidate.context is None:
            return 1.0
        if candidate.off_topic:  # filed as something else (a story): its words are the story's
            return SENSE_MIN
        # A skill link, or the career's own name in a title, is a weaker sign of another sense.
        firm = candidate.how[key] == "tagged" or (
            key.startswith("words:") and candidate.how[key] == "title"
        )
        low = SENSE_MIN_TAGGED if firm else SENSE_MIN
        around = about(candidate.context_found, self.stems.get(key, frozenset()))
        return low + (1 - low) * min(1.0, around / SENSE_FULL)


def _combined(parts: Iterable[float]) -> float:
    return sum(part * DECAY**i for i, part in enumerate(sorted(parts, reverse=True)))


def score(
    candidate: Candidate,
    weights: Weights,
    seen: Counter[str] | None = None,
    senses: Mapping[str, float] | None = None,
) -> float:
    bonus = TOPIC_BONUS if candidate.topic else 0.0
    covered = weights.coverage(candidate, seen, senses)
    about = CONTEXT_WEIGHT * (candidate.context or 0.0)
    quality_factor = 1 + QUALITY_BOOST * candidate.quality / MAX_QUALITY
    filed = OFF_TOPIC if candidate.off_topic else 1.0
    return filed * (covered + about) * quality_factor + bonus + MEANING_WEIGHT * candidate.meaning


def qualifies(candidate: Candidate) -> bool:
    strong = any(how != "description" for how in candidate.how.values())
    close = (candidate.similarity or 0.0) >= MEANING_QUALIFIES
    if candidate.context is not None:
        return close or candidate.context >= CONTEXT_MIN
    return candidate.topic is not None or strong or close or len(candidate.evidence) >= 2


def rank(candidates: Iterable[Candidate], weights: Weights) -> list[Candidate]:
    """Qualifying candidates above the floor, scored, best first (ties by id: stable)."""
    ranked = []
    for candidate in candidates:
        if qualifies(candidate):
            candidate.score = round(score(candidate, weights), 4)
            if candidate.context is None or candidate.score >= FLOOR:
                ranked.append(candidate)
    return sorted(ranked, key=lambda c: (-c.score, c.id))


def pool_size(limit: int) -> int:
    """How many of the best ranked ``diversify`` picks ``limit`` results from."""
    return max(limit * 10, 50)


def diversify(ranked: Sequence[Candidate], weights: Weights, limit: int) -> list[Candidate]:
    """Pick ``limit`` results greedily: each skill counts less once earlier picks cover it, a
    provider (or author) with PER_SOURCE picks in every ten counts CROWDED of its score (so
    it yields to a close match from another, never to a much weaker one), and a title
    already picked (the same course listed twice) is not picked again.

    Lazily: a pick only ever lowers the others' scores, so a score computed after an earlier
    pick is a ceiling of the score now, and a candidate is scored again only when it comes
    to the top of the heap (the picks are those of scoring the whole pool for each one)."""
    pool = ranked[: pool_size(limit)]
    senses = {c.id: weights.senses(c) for c in pool}
    # (-ceiling, id, picks when scored, its score then before crowding, candidate)
    heap: list[tuple[float, int, int, float, Candidate]] = []
    for c in pool:
        plain = score(c, weights, senses=senses[c.id])
        heap.append((-plain, c.id, 0, plain, c))
    heapq.heapify(heap)
    chosen: list[Candidate] = []
    titles: set[str] = set()
    seen: Counter[str] = Counter()
    per_source: Counter[str] = Counter()
    quota = PER_SOURCE
    while heap and len(chosen) < limit:
        if quota != PER_SOURCE * (1 + len(chosen) // 10):
            # A larger quota lifts the crowding: the ceilings are the uncrowded scores again.
            quota = PER_SOURCE * (1 + len(chosen) // 10)
            heap = [(-plain, cid, at, plain, c) for _, cid, at, plain, c in heap]
            heapq.heapify(heap)
        _, candidate_id, scored_at, plain, candidate = heap[0]
        if scored_at != len(chosen):
            plain = score(candidate, weights, seen, senses[candidate_id])
            value = plain * _crowding(candidate, per_source, quota)
            heapq.heapreplace(heap, (-value, candidate_id, len(chosen), plain, candidate))
            continue
        heapq.heappop(heap)
        if alias_key(candidate.title) in titles:
            continue
        titles.add(alias_key(candidate.title))
        chosen.append(candidate)
        seen.update(candidate.evidence)
        if candidate.source_key:
            per_source[candidate.source_key] += 1
    return chosen


def _crowding(candidate: Candidate, per_source: Counter[str], quota: int) -> float:
    crowded = candidate.source_key is not None and per_source[candidate.source_key] >= quota
    return CROWDED if crowded else 1.0
