"""API shapes of search results and suggestions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from courseatlas.catalog.schemas import ResourceSummary


class MatchedBy(BaseModel):
    """A field that holds query words the title lacks: why the result is there."""

    field: Literal["skill", "person", "topic"]
    value: str


class SearchResultOut(ResourceSummary):
    snippet: str | None  # escaped HTML; matched words wrapped in <mark>
    matched: list[MatchedBy] = Field(default_factory=list)


class FacetValue(BaseModel):
    value: str
    label: str
    count: int
    selected: bool


class SearchPage(BaseModel):
    query: str
    corrected_query: str | None
    # When the query was corrected: how many the words as typed found (often none).
    uncorrected_total: int | None = None
    total: int
    page: int
    per_page: int
    results: list[SearchResultOut]
    facets: dict[str, list[FacetValue]]


class Suggestion(BaseModel):
    kind: Literal["course", "book", "career", "topic", "skill"]
    label: str
    url: str


class SuggestPage(BaseModel):
    query: str
    suggestions: list[Suggestion]
