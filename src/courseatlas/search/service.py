"""A search as the API and the pages ask for it: engine results made into catalog results."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import quote

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.cache import gunzipped, gzipped
from courseatlas.catalog.bands import utc_today
from courseatlas.catalog.models import Provider, Skill, Topic
from courseatlas.catalog.summaries import live_ids, summaries
from courseatlas.catalog.vocabularies import LABELS, ORDERED_FACETS
from courseatlas.search.base import SearchHit, SearchRequest, SearchResult
from courseatlas.search.runtime import SearchRuntime
from courseatlas.search.schemas import SearchPage, Suggestion, SuggestPage

MAX_REMEMBERED_NAMES = 100_000


def search(session: Session, runtime: SearchRuntime, request: SearchRequest) -> SearchPage:
    """A page of results, as the pages show it."""
    return SearchPage.model_validate_json(gunzipped(search_gzip(session, runtime, request)))


def answer_key(request: SearchRequest) -> Hashable:
    """A search's answer holds until the index changes, and for the day (start dates are
    counted from it)."""
    return ("search", "gzip", request, utc_today())


def search_gzip(session: Session, runtime: SearchRuntime, request: SearchRequest) -> bytes:
    """A page of results encoded as ``SearchPage`` and gzipped; the same request answers
    from memory until the index changes. Kept gzipped, a remembered answer is sent without
    compressing it again (0.27 ms, a third of the CPU of sending it)."""
    return runtime.answer(answer_key(request), lambda: gzipped(_search(session, runtime, request)))


def _search(session: Session, runtime: SearchRuntime, request: SearchRequest) -> bytes:
    result = runtime.search(replace(request, cards=True))
    # The cards come from the index, which may lag the catalog: the database decides which
    # of them still exist.
    live = live_ids(session, [hit.id for hit in result.hits])
    page = {
        "query": request.query.text,
        "corrected_query": result.corrected_query,
        "uncorrected_total": result.uncorrected_total,
        "total": result.total,
        "page": request.offset // request.limit + 1,
        "per_page": request.limit,
        "results": [_card(hit) for hit in result.hits if hit.id in live and hit.card],
        "facets": _facets(session, runtime, result, request),
    }
    return orjson.dumps(page)


def _card(hit: SearchHit) -> orjson.Fragment:
    """The stored card with the hit's snippet: a ``SearchResultOut`` already encoded."""
    assert hit.card is not None
    extra = orjson.dumps({"snippet": hit.snippet, "matched": hit.matched})
    return orjson.Fragment(hit.card[:-1] + b"," + extra[1:])


# Suggestions from features above search (careers), handed in by the app: search knows none.
Suggester = Callable[[Session, str, int], list[Suggestion]]


def suggest(
    session: Session,
    runtime: SearchRuntime,
    prefix: str,
    limit: int,
    others: Sequence[Suggester] = (),
) -> SuggestPage:
    """Titles first (most popular), then what ``others`` suggest (careers), then topics and
    skills whose names start the same way; each label once (a topic and a skill are often
    named alike: the topic, which has a page, is kept)."""
    titles = runtime.suggest_titles(prefix, limit)
    cards = summaries(session, [resource_id for resource_id, _ in titles])
    suggestions = [
        Suggestion(kind=cards[rid].kind, label=title, url=cards[rid].url)
        for rid, title in titles
        if rid in cards
    ]
    needle = prefix.strip().lower()
    if needle:
        for other in others:
            suggestions += other(session, needle, limit)
        suggestions += _topics_and_skills(session, needle, limit)
    return SuggestPage(query=prefix, suggestions=_once(suggestions)[: limit * 2])


def _once(suggestions: list[Suggestion]) -> list[Suggestion]:
    """The first suggestion of each label, however it is cased."""
    seen: set[str] = set()
    kept = []
    for suggestion in suggestions:
        key = " ".join(suggestion.label.casefold().split())
        if key not in seen:
            seen.add(key)
            kept.append(suggestion)
    return kept


def _topics_and_skills(session: Session, needle: str, limit: int) -> list[Suggestion]:
    pattern = f"{_escape_like(needle)}%"
    skills = session.execute(
        select(Skill.name, Skill.slug)
        .where(Skill.name.ilike(pattern, escape="\\"))
        .order_by(Skill.name)
        .limit(limit)
    ).all()
    topics = session.execute(
        select(Topic.name, Topic.slug)
        .where(Topic.name.ilike(pattern, escape="\\"))
        .order_by(Topic.depth, Topic.name)
        .limit(limit)
    ).all()
    return [
        Suggestion(kind="topic", label=name, url=f"/topics/{slug}") for name, slug in topics
    ] + [
        Suggestion(kind="skill", label=name, url=f"/search?skill={quote(slug)}")
        for name, slug in skills
    ]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _facets(
    session: Session, runtime: SearchRuntime, result: SearchResult, request: SearchRequest
) -> dict[str, list[dict[str, Any]]]:
    """Each facet's values as ``FacetValue`` encodes them."""
    selected = request.filters.selected()
    labels = {
        "provider": _labels(session, runtime, Provider, _values(result, "provider")),
        "topic": _labels(session, runtime, Topic, _values(result, "topic")),
        **LABELS,
    }
    facets: dict[str, list[dict[str, Any]]] = {
        name: [
            {
                "value": value,
                "label": labels.get(name, {}).get(value, value),
                "count": count,
                "selected": selected.get(name) == value,
            }
            for value, count in _in_order(name, values)
        ]
        for name, values in result.facets.items()
    }
    if request.filters.skill is not None and result.facets:
        # Not counted per value (skills are too many), but named, so it can be shown and removed.
        skill = request.filters.skill
        name = _labels(session, runtime, Skill, [skill]).get(skill, skill)
        facets["skill"] = [{"value": skill, "label": name, "count": result.total, "selected": True}]
    return facets


def _in_order(name: str, counted: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Bands read in their own order (shortest first, best rated first); others by count."""
    if name not in ORDERED_FACETS:
        return counted
    order = {value: position for position, value in enumerate(LABELS[name])}
    return sorted(counted, key=lambda item: order.get(item[0], len(order)))


def _values(result: SearchResult, facet: str) -> list[str]:
    return [value for value, _ in result.facets.get(facet, [])]


def _labels(
    session: Session,
    runtime: SearchRuntime,
    model: type[Provider] | type[Topic] | type[Skill],
    slugs: list[str],
) -> dict[str, str]:
    """Display names of providers or topics; a name never changes for its slug, so the
    runtime remembers them."""
    known = runtime.labels.setdefault(model.__tablename__, {})
    missing = [slug for slug in slugs if slug not in known]
    if missing:
        rows = session.execute(select(model.slug, model.name).where(model.slug.in_(missing)))
        if len(known) > MAX_REMEMBERED_NAMES:
            known.clear()
        known.update({slug: name for slug, name in rows})
    return {slug: known[slug] for slug in slugs if slug in known}
