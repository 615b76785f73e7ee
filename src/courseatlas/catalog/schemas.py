"""API shapes of catalog objects."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Protocol, Self

import orjson
from fastapi import Path
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import object_session

from courseatlas.catalog import money
from courseatlas.catalog.bands import Pace
from courseatlas.catalog.models import Resource

Kind = Literal["course", "book"]
Level = Literal["beginner", "intermediate", "advanced", "all"]
PriceFilter = Literal["free", "paid"]  # the price filter's one spelling, in every endpoint
ResourceId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The resource's id.")]


class ProviderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    name: str


class TopicRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    slug: str
    name: str
    path: str


class SkillRef(BaseModel):
    slug: str
    name: str
    weight: float


class ListedPrice(BaseModel):
    amount: Decimal
    currency: str


class Price(BaseModel):
    free: bool | None
    amount: Decimal | None  # in the display currency where a rate converts it, else as listed
    currency: str | None
    listed: ListedPrice | None = None  # the provider's own price, when ``amount`` converts it


def price_fields(
    free: bool | None, amount: Decimal | None, currency: str | None, rates: money.Rates
) -> dict[str, Any]:
    """A price as the plain values ``Price`` validates: in the display currency where a rate
    converts it, with the provider's own price beside it; as listed where none does."""
    if amount is not None and currency is not None and currency != rates.display:
        shown = rates.to_display(amount, currency)
        if shown is not None:
            listed = {"amount": amount, "currency": currency}
            return {"free": free, "amount": shown, "currency": rates.display, "listed": listed}
    return {"free": free, "amount": amount, "currency": currency, "listed": None}


class ResourceSummary(BaseModel):
    id: int
    kind: Kind
    slug: str
    title: str
    provider: ProviderOut | None
    level: Level | None
    language: str | None
    price: Price
    rating: float | None
    rating_count: int | None
    popularity: int | None
    pace: Pace | None = None  # self-paced, or scheduled: runs on set dates
    starts_on: date | None = None  # the next start the feed gave; may be past
    url: str  # The resource's page on this site.
    outbound_url: str  # The referral redirect to the provider.

    @classmethod
    def of(
        cls,
        resource: SummarySource,
        provider: ProviderSource | None = None,
        rates: money.Rates | None = None,
        **extra: object,
    ) -> Self:
        """``rates`` convert the price; by default those of the Resource's session."""
        return cls.model_validate({**summary_fields(resource, provider, rates), **extra})


class ResourceOut(ResourceSummary):
    description: str | None
    syllabus: str | None
    provider_url: str | None
    image_url: str | None
    institution: str | None
    instructors: list[str]
    authors: list[str]
    duration_hours: float | None
    certificate: bool | None
    isbn13: str | None
    publisher: str | None
    year: int | None
    pages: int | None
    published_at: date | None
    skills: list[SkillRef]
    topics: list[TopicRef]
    updated_at: datetime

    @classmethod
    def of(
        cls,
        resource: SummarySource,
        provider: ProviderSource | None = None,
        rates: money.Rates | None = None,
        **extra: object,
    ) -> Self:
        """The full record; only a Resource loaded with its skills and topics has one."""
        assert isinstance(resource, Resource)
        return cls.model_validate(
            {
                **summary_fields(resource, provider, rates),
                **extra,
                **{name: getattr(resource, name) for name in _DETAIL_FIELDS},
                "provider_url": resource.url,
                "skills": [
                    SkillRef(slug=link.skill.slug, name=link.skill.name, weight=link.weight)
                    for link in resource.skills
                ],
                "topics": [TopicRef.model_validate(t) for t in resource.topics],
            }
        )


_DETAIL_FIELDS = (
    "description",
    "syllabus",
    "image_url",
    "institution",
    "instructors",
    "authors",
    "duration_hours",
    "certificate",
    "isbn13",
    "publisher",
    "year",
    "pages",
    "published_at",
    "updated_at",
)


class SummarySource(Protocol):
    """What a result card is made from: a Resource, or a row of the same columns."""

    id: int
    kind: str
    slug: str
    title: str
    level: str | None
    language: str | None
    free: bool | None
    price: Decimal | None
    currency: str | None
    rating: float | None
    rating_count: int | None
    popularity: int | None
    pace: str | None
    starts_on: date | None


class ProviderSource(Protocol):
    """A provider as a card names it: a Provider, or a row's provider columns."""

    @property
    def id(self) -> int: ...
    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...


def page_path(resource: SummarySource) -> str:
    return f"/{resource.kind}s/{resource.slug}"


def summary_fields(
    resource: SummarySource,
    provider: ProviderSource | None = None,
    rates: money.Rates | None = None,
) -> dict[str, Any]:
    """A result card as plain values (amounts Decimals, the price in the display currency of
    ``rates``, by default those of the Resource's session): what ``ResourceSummary``
    validates, and what the search index stores encoded (``encode_card``)."""
    provider = provider if provider is not None else getattr(resource, "provider", None)
    rates = rates or _rates_of(resource)
    return {
        "id": resource.id,
        "kind": resource.kind,
        "slug": resource.slug,
        "title": resource.title,
        "provider": (
            {"id": provider.id, "slug": provider.slug, "name": provider.name} if provider else None
        ),
        "level": resource.level,
        "language": resource.language,
        "price": price_fields(resource.free, resource.price, resource.currency, rates),
        "rating": resource.rating,
        "rating_count": resource.rating_count,
        "popularity": resource.popularity,
        "pace": resource.pace,
        "starts_on": resource.starts_on,
        "url": page_path(resource),
        "outbound_url": f"/go/{resource.id}",
    }


def encode_card(
    resource: SummarySource, provider: ProviderSource | None, rates: money.Rates
) -> bytes:
    """The card as ``ResourceSummary`` encodes it in JSON (amounts as strings)."""
    return orjson.dumps(summary_fields(resource, provider, rates), default=_decimal)


def _decimal(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)  # as pydantic encodes a Decimal
    raise TypeError(f"{type(value).__name__} is not JSON")


def _rates_of(resource: SummarySource) -> money.Rates:
    session = object_session(resource) if isinstance(resource, Resource) else None
    return money.rates(session) if session is not None else money.Rates({}, money.DEFAULT_DISPLAY)


class ResourcePage(BaseModel):
    total: int
    page: int
    per_page: int
    results: list[ResourceSummary]
