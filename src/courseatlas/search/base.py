"""The search interface: what callers ask for and get back, whatever engine answers."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar

from courseatlas.catalog.bands import Starts, rating_step
from courseatlas.search.query import ParsedQuery

Sort = Literal["relevance", "rating", "popular", "newest", "price"]  # price: lowest first
# Each facet counts the values of the index field of its name, and is a filter of that name.
FACETS = (
    "kind",
    "topic",
    "provider",
    "level",
    "language",
    "price",
    "certificate",
    "duration",
    "min_rating",
    "pace",
    "starts",
)
# Facets counted in ranges of a number rather than by the values of a field of their name:
# ``starts`` in ranges of the start date (catalog.bands), relative to the day of the search.
RANGE_FACETS = frozenset({"starts"})
FILTERS = (*FACETS, "skill")  # skill: a filter only, too many values to count for each search
V = TypeVar("V")


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    topic: str | None = None  # a topic slug; its subtopics are included
    provider: str | None = None  # a provider slug
    level: str | None = None
    language: str | None = None
    price: Literal["free", "paid"] | None = None
    min_rating: float | None = None
    include_dead_links: bool = False  # resources whose links the link checks found dead
    skill: str | None = None  # a skill slug
    certificate: bool | None = None
    duration: str | None = None  # a band of hours: catalog.bands
    max_price: float | None = None  # in the display currency; free ones included
    pace: str | None = None  # "self-paced" or "scheduled"
    starts: Starts | None = None  # a band of start dates: catalog.bands

    def selected(self) -> dict[str, str]:
        """The filters in force, by name, their values spelt as in a URL."""
        return {
            name: _spelt(value) for name in FILTERS if (value := getattr(self, name)) is not None
        }


def _spelt(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return rating_step(value)
    return str(value)


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery = field(default_factory=ParsedQuery)
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: Sort = "relevance"
    offset: int = 0
    limit: int = 20
    facets: bool = True
    snippets: bool = True
    cards: bool = False  # each hit's stored result card (what a result page shows)
    correct_spelling: bool = True  # off: the user insists on their own spelling


@dataclass
class SearchHit:
    id: int
    score: float
    snippet: str | None = None  # escaped HTML, matched words in <mark>
    card: bytes | None = None  # the result card as JSON, when asked for
    matched: list[dict[str, str]] = field(default_factory=list)  # {field, value}: search/reasons


@dataclass
class SearchResult:
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    corrected_query: str | None = None
    uncorrected_total: int | None = None  # when corrected: what the words as typed found
    relaxed: bool = False  # not every word is matched: none of the results held them all


class SearchBackend(Protocol):
    """What the rest of the application may ask of search, whatever engine answers."""

    def search(self, request: SearchRequest) -> SearchResult: ...

    def count(self, filters: SearchFilters) -> int:
        """How many resources the filters select."""
        ...

    def suggest_titles(self, prefix: str, limit: int) -> list[tuple[int, str]]: ...

    def document_count(self) -> int: ...

    def floor(self) -> int:
        """Every change-log entry up to this id is reflected in the answers."""
        ...

    def answer(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The answer to ``key`` from the index as it is now: remembered, or computed once."""
        ...
