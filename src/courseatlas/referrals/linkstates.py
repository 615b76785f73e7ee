"""What link checks mean: a link that failed twice in a row over at least a day is dead.

A dead link leaves search by default (the state change goes into the search change log) and
its page warns the learner; a good answer brings it back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from courseatlas.catalog.links import LinkState
from courseatlas.catalog.models import Provider, Resource
from courseatlas.db.database import Database
from courseatlas.ingest.changelog import SearchChange
from courseatlas.referrals.links import CheckOptions, Outcome, check
from courseatlas.referrals.models import Partner

DEAD_AFTER = timedelta(days=1)  # the first failure of a streak to the check that buries it
CHUNK = 500  # links checked, then stored in one transaction


@dataclass
class CheckSummary:
    checked: int = 0
    ok: int = 0
    failed: int = 0
    dead: int = 0  # dead after this run
    revived: int = 0


def apply(state: LinkState | None, outcome: Outcome) -> LinkState:
    """The link's state after ``outcome``; a state of another URL does not carry over."""
    if state is None or state.url != outcome.url:
        state = LinkState(resource_id=outcome.resource_id, failures=0, dead=False)
    state.url = outcome.url
    state.checked_at = outcome.checked_at
    state.status = outcome.status
    state.error = outcome.error
    state.final_url = outcome.final_url
    if outcome.ok:
        state.failures, state.failing_since, state.dead = 0, None, False
        return state
    state.failures = (state.failures or 0) + 1
    state.failing_since = state.failing_since or outcome.checked_at
    state.dead = state.failures >= 2 and outcome.checked_at - state.failing_since >= DEAD_AFTER
    return state


def store(session: Session, outcomes: Sequence[Outcome], summary: CheckSummary) -> None:
    """Record outcomes; a link that died or came back is announced to the search index."""
    ids = [o.resource_id for o in outcomes]
    states = {
        s.resource_id: s
        for s in session.scalars(select(LinkState).where(LinkState.resource_id.in_(ids)))
    }
    for outcome in outcomes:
        previous = states.get(outcome.resource_id)
        was_dead = bool(previous and previous.dead and previous.url == outcome.url)
        state = apply(previous, outcome)
        session.merge(state)
        summary.checked += 1
        summary.ok += outcome.ok
        summary.failed += not outcome.ok
        summary.dead += state.dead
        summary.revived += was_dead and not state.dead
        if was_dead != state.dead:
            session.add(SearchChange(resource_id=outcome.resource_id))


def due(session: Session, limit: int | None) -> list[tuple[int, str]]:
    """Resources with a URL, those never checked first, then the longest unchecked."""
    query = (
        select(Resource.id, Resource.url)
        .outerjoin(LinkState, LinkState.resource_id == Resource.id)
        .where(Resource.url.is_not(None))
        .order_by(LinkState.checked_at.asc().nulls_first(), Resource.id)
        .limit(limit)
    )
    return [(rid, url) for rid, url in session.execute(query) if url]


def run(
    database: Database,
    options: CheckOptions,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckSummary:
    """Check the links that are due, storing outcomes every ``CHUNK`` links."""
    with database.session() as session:
        targets = due(session, limit)
    summary = CheckSummary()
    for start in range(0, len(targets), CHUNK):
        outcomes = asyncio.run(check(targets[start : start + CHUNK], options))
        with database.session() as session:
            store(session, outcomes, summary)
        if progress:
            progress(start + len(outcomes), len(targets))
    return summary


def dead_link(session: Session, resource_id: int) -> LinkState | None:
    """The resource's link state if its current URL is dead."""
    return session.scalar(
        select(LinkState)
        .join(Resource, and_(Resource.id == LinkState.resource_id, Resource.url == LinkState.url))
        .where(LinkState.resource_id == resource_id, LinkState.dead.is_(True))
    )


def dead_links(session: Session) -> list[dict[str, Any]]:
    """Every dead link, by partner (``None``: the provider has no partner), then title."""
    rows = session.execute(
        select(
            Provider.slug.label("provider"),
            Partner.id.label("partner_id"),
            Resource.id,
            Resource.title,
            LinkState.url,
            LinkState.checked_at,
            LinkState.status,
            LinkState.error,
        )
        .join(Resource, and_(Resource.id == LinkState.resource_id, Resource.url == LinkState.url))
        .outerjoin(Provider, Provider.id == Resource.provider_id)
        .outerjoin(Partner, Partner.provider_id == Resource.provider_id)
        .where(LinkState.dead.is_(True))
    ).all()
    found = [
        {
            "partner": row.provider if row.partner_id is not None else None,
            "resource_id": row.id,
            "title": row.title,
            "url": row.url,
            "checked_at": row.checked_at.isoformat(),
            "answer": str(row.status) if row.status is not None else row.error,
        }
        for row in rows
    ]
    return sorted(found, key=lambda d: (d["partner"] is None, d["partner"] or "", d["title"]))
