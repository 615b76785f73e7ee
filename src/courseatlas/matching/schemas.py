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


class Cost(BaseModel):
    currency: str
    amount: Decimal


class LearningPath(BaseModel):
    steps: list[PathStep]
    total_hours: float | None  # of the steps whose duration is known
    steps_without_hours: int
    free_steps: int
    # What the priced steps cost, per currency (no exchange rates are assumed: one entry when
    # every priced step is in one currency); steps with neither a price nor "free" are counted.
    cost: list[Cost] = []
    steps_without_price: int = 0
    free_alternative: MatchedResource | None = None  # the best free match not in the path
    book: MatchedResource | None = None  # the best book match not in the path
    key_skills: list[str]
    covered: list[str]
    uncovered: list[str]
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
