"""API shapes of matches: each resource with its score and the reasons it matched."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from courseatlas.catalog.schemas import ResourceSummary


class Reason(BaseModel):
    """Why a resource matched: a wanted skill (or words) it covers, a topic it is filed under,
    the career's work it is about (``context``: the words it shares with the career's, and
    how much, 0 to 1), or (semantic layer on) its closeness in meaning (the similarity)."""

    kind: Literal["skill", "words", "topic", "meaning", "context"]
    name: str
    slug: str | None  # the skill's or the topic's slug
    weight: float  # how much the career or goal wants it; for meaning, the cosine similarity
    evidence: Literal["tagged", "title", "description", "topic", "embedding", "context"]


class MatchedResource(ResourceSummary):
    score: float  # 0 to about 1.1 (2.1 with the semantic layer); lists also spread providers
    duration_hours: float | None
    reasons: list[Reason]


class PathStep(BaseModel):
    position: int
    resource: MatchedResource
    covers: list[str]  # key skills this step is the first to cover
    after: list[int] = []  # positions of the earlier steps it builds on
    why: str  # why it comes where it does: "After step 1: Data Warehousing builds on SQL."
    # A free resource that teaches what this (paid) step is the first to cover, where one is.
    free_alternative: MatchedResource | None = None


class Cost(BaseModel):
    currency: str  # the display currency
    amount: Decimal


class LearningPath(BaseModel):
    steps: list[PathStep]
    total_hours: float | None  # of the steps whose duration is known
    steps_without_hours: int
    free_steps: int
    # What the priced steps cost in all, in the display currency; the steps with neither a
    # price nor "free", or a price in a currency without a rate, are counted apart.
    cost: Cost | None = None
    steps_without_price: int = 0
    free_alternative: MatchedResource | None = None  # the best free match not in the path
    book: MatchedResource | None = None  # the best book teaching a key skill, not in the path
    key_skills: list[str]
    covered: list[str]
    uncovered: list[str]  # the key skills no step teaches
    notes: list[str]  # "no resource found for gRPC"


class RecognisedCareer(BaseModel):
    slug: str
    title: str
    matched: str  # the words of the goal that named it


class RecognisedSkill(BaseModel):
    slug: str
    name: str
    matched: str


class GoalMatchPage(BaseModel):
    goal: str
    corrected_goal: str | None  # the goal with its misspellings corrected, when that helped
    careers: list[RecognisedCareer]
    skills: list[RecognisedSkill]
    explanation: str
    results: list[MatchedResource]


class SimilarPage(BaseModel):
    resource_id: int
    results: list[MatchedResource]
