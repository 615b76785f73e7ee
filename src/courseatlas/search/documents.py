"""What the search index holds for each resource, loaded from the catalog in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Executable, bindparam, select
from sqlalchemy.orm import Session

from courseatlas.catalog.bands import day_number
from courseatlas.catalog.links import LinkState
from courseatlas.catalog.models import (
    Provider,
    Resource,
    ResourceSkill,
    ResourceTopic,
    Skill,
    Topic,
)
from courseatlas.catalog.money import Rates, rates
from courseatlas.catalog.quality import bayesian_rating, quality
from courseatlas.catalog.schemas import encode_card
from courseatlas.catalog.summaries import provider_of

# The price sort key of a resource whose price is unknown (or in a currency without a rate):
# above every real price, so "lowest price first" lists it last and "under" leaves it out.
UNPRICED = 1e12

_V = TypeVar("_V")


@dataclass
class IndexDocument:
    id: int
    kind: str
    title: str
    description: str = ""
    skills: list[str] = field(default_factory=list)
    skill_slugs: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # names, ancestors included
    topic_slugs: list[str] = field(default_factory=list)  # slugs, ancestors included
    people: list[str] = field(default_factory=list)  # authors, instructors, institution, ...
    provider: str | None = None  # slug
    level: str | None = None
    language: str | None = None
    price: str | None = None  # "free" or "paid"
    price_shown: float = UNPRICED  # in the display currency: 0 when free
    isbn: str | None = None
    rating: float = 0.0
    rating_count: int = 0
    popularity: int = 0
    published: int = 0  # days since 1970, for "newest"
    link_dead: bool = False  # its URL failed the link checks: left out unless asked for
    card: bytes = b""  # its result card, encoded (catalog.schemas.encode_card)
    certificate: bool | None = None
    duration_hours: float | None = None
    pace: str | None = None
    starts_on: int | None = None  # days since 1970

    @property
    def bayesian_rating(self) -> float:
        return bayesian_rating(self.rating, self.rating_count)

    @property
    def quality(self) -> float:
        return quality(self.rating, self.rating_count, self.popularity)


def load_documents(session: Session, resource_ids: Sequence[int]) -> list[IndexDocument]:
    """Documents of the resources that still exist, and are not taken down, among ``resource_ids``."""
    if not resource_ids:
        return []
    # Plain rows through the connection: building ORM objects would cost more than the rest.
    rows = session.connection().execute(_QUERY, {"ids": list(resource_ids)}).all()
    skills = _skills(session, resource_ids)
    topics = _topic_paths(session, resource_ids)
    slugs = dict(session.execute(select(Topic.path, Topic.slug)).all())
    in_force = rates(session)
    return [
        _document(
            row, skills.get(row.id, []), _ancestor_paths(topics.get(row.id, [])), slugs, in_force
        )
        for row in rows
    ]


_QUERY = (
    select(
        Resource.id,
        Resource.kind,
        Resource.slug,
        Resource.title,
        Resource.description,
        Resource.authors,
        Resource.instructors,
        Resource.institution,
        Resource.publisher,
        Resource.level,
        Resource.language,
        Resource.free,
        Resource.price,
        Resource.currency,
        Resource.isbn13,
        Resource.rating,
        Resource.rating_count,
        Resource.popularity,
        Resource.published_at,
        Provider.id.label("provider_id"),
        Resource.certificate,
        Resource.duration_hours,
        Resource.pace,
        Resource.starts_on,
        Provider.slug.label("provider_slug"),
        Provider.name.label("provider_name"),
        LinkState.dead.label("link_dead"),
    )
    .outerjoin(Provider, Provider.id == Resource.provider_id)
    # A state of another URL than the stored one no longer applies.
    .outerjoin(LinkState, (LinkState.resource_id == Resource.id) & (LinkState.url == Resource.url))
    .where(Resource.id.in_(bindparam("ids", expanding=True)), Resource.hidden_at.is_(None))
)


def iter_all_ids(session: Session, batch_size: int = 5000) -> Iterator[list[int]]:
    """Every resource id, in batches, by keyset pagination (no deep OFFSET)."""
    last = 0
    while ids := list(
        session.scalars(
            select(Resource.id).where(Resource.id > last).order_by(Resource.id).limit(batch_size)
        )
    ):
        yield ids
        last = ids[-1]


def _skills(session: Session, ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    """Each resource's skills as (name, slug)."""
    return _grouped(session, _SKILLS, ids, lambda row: (row[1], row[2]))


def _topic_paths(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    return _grouped(session, _TOPIC_PATHS, ids, lambda row: row[1])


def _grouped(
    session: Session, statement: Executable, ids: Sequence[int], value: Callable[[Any], _V]
) -> dict[int, list[_V]]:
    """The rows of ``statement`` (resource id first) for ``ids``, by resource id."""
    found: dict[int, list[_V]] = {}
    for row in session.connection().execute(statement, {"ids": list(ids)}):
        found.setdefault(row[0], []).append(value(row))
    return found


# Plain rows through the connection, as for _QUERY: the ORM's row handling was a third of
# reading the links.
_SKILLS = (
    select(ResourceSkill.resource_id, Skill.name, Skill.slug)
    .join(Skill, Skill.id == ResourceSkill.skill_id)
    .where(ResourceSkill.resource_id.in_(bindparam("ids", expanding=True)))
)
_TOPIC_PATHS = (
    select(ResourceTopic.resource_id, Topic.path)
    .join(Topic, Topic.id == ResourceTopic.topic_id)
    .where(ResourceTopic.resource_id.in_(bindparam("ids", expanding=True)))
)


def _document(
    resource: Any,
    skills: list[tuple[str, str]],
    topic_paths: list[str],
    slugs: dict[str, str],
    rates: Rates,
) -> IndexDocument:
    people = [*resource.authors, *resource.instructors]
    named = (resource.provider_name, resource.institution, resource.publisher)
    people += [name for name in named if name]
    return IndexDocument(
        id=resource.id,
        kind=resource.kind,
        title=resource.title,
        description=resource.description or "",
        skills=[name for name, _ in skills],
        skill_slugs=[slug for _, slug in skills],
        topics=list(dict.fromkeys(path.split(" > ")[-1] for path in topic_paths)),
        topic_slugs=[slugs[path] for path in topic_paths if path in slugs],
        people=list(dict.fromkeys(people)),
        provider=resource.provider_slug,
        level=resource.level,
        language=resource.language,
        price=None if resource.free is None else ("free" if resource.free else "paid"),
        price_shown=_price_shown(resource, rates),
        isbn=resource.isbn13,
        rating=resource.rating or 0.0,
        rating_count=resource.rating_count or 0,
        popularity=resource.popularity or 0,
        published=day_number(resource.published_at) if resource.published_at else 0,
        link_dead=bool(resource.link_dead),
        card=encode_card(resource, provider_of(resource), rates),
        certificate=resource.certificate,
        duration_hours=resource.duration_hours,
        pace=resource.pace,
        starts_on=day_number(resource.starts_on) if resource.starts_on else None,
    )


def _price_shown(resource: Any, rates: Rates) -> float:
    if resource.free:
        return 0.0
    if resource.price is None or resource.currency is None:
        return UNPRICED
    shown = rates.to_display(resource.price, resource.currency)
    return UNPRICED if shown is None else float(shown)


def _ancestor_paths(paths: list[str]) -> list[str]:
    """ "A > B > C" and its ancestors "A > B" and "A", each once, in order."""
    found: dict[str, None] = {}
    for path in paths:
        parts = path.split(" > ")
        for depth in range(1, len(parts) + 1):
            found[" > ".join(parts[:depth])] = None
    return list(found)
