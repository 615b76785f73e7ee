"""The queries of referrals: a resource's way out, clicks written in batches, partners."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, joinedload

from courseatlas.catalog.models import Provider, Resource
from courseatlas.db.base import Base
from courseatlas.db.bulk import bulk_insert
from courseatlas.referrals.models import Click, Partner
from courseatlas.referrals.targets import PartnerLink

# The same visitor clicking the same resource again within this window counts once.
DEDUPE_WINDOW = timedelta(seconds=30)


@dataclass(frozen=True)
class OutboundLink:
    url: str | None
    partner: PartnerLink | None


@dataclass(frozen=True)
class ClickEvent:
    """One click as the request saw it, waiting to be written."""

    click_id: str
    resource_id: int
    partner_id: int | None
    page: str
    at: datetime
    visitor: str
    bot: bool


# Built once: composing the statement costs more than running it.
_OUTBOUND = (
    select(Resource.url, Partner.id, Partner.template, Partner.hosts, Partner.active)
    .outerjoin(Partner, Partner.provider_id == Resource.provider_id)
    .where(Resource.id == bindparam("resource_id"))
)


def outbound_link(session: Session, resource_id: int) -> OutboundLink | None:
    """The stored URL of a resource and its partner, in one query; None for no such resource."""
    # Through the connection: a plain row, without the ORM's per-result bookkeeping.
    row = session.connection().execute(_OUTBOUND, {"resource_id": resource_id}).first()
    if row is None:
        return None
    url, partner_id, template, hosts, active = row
    partner = (
        None if partner_id is None else PartnerLink(partner_id, template, tuple(hosts), active)
    )
    return OutboundLink(url, partner)


def write_clicks(session: Session, events: Sequence[ClickEvent]) -> None:
    """Insert a batch of clicks, deciding which count: not bots, not repeats within the window."""
    if not events:
        return
    ordered = sorted(events, key=lambda e: e.at)
    # A resource deleted since its click was queued must not fail the whole batch.
    asked = {e.resource_id for e in ordered}
    existing = set(session.scalars(select(Resource.id).where(Resource.id.in_(asked))))
    last = _last_counted(session, ordered, ordered[0].at - DEDUPE_WINDOW)
    rows = []
    for event in ordered:
        key = (event.visitor, event.resource_id)
        counted = not event.bot and (key not in last or event.at - last[key] >= DEDUPE_WINDOW)
        if counted:
            last[key] = event.at
        rows.append(
            {
                "click_id": event.click_id,
                "resource_id": event.resource_id if event.resource_id in existing else None,
                "partner_id": event.partner_id,
                "page": event.page,
                "at": event.at,
                "visitor": event.visitor,
                "bot": event.bot,
                "counted": counted,
            }
        )
    bulk_insert(session, Base.metadata.tables[Click.__tablename__], rows)


def _last_counted(
    session: Session, events: Sequence[ClickEvent], since: datetime
) -> dict[tuple[str, int], datetime]:
    """When each visitor of the batch last had a counted click on each resource, since ``since``."""
    visitors = sorted({e.visitor for e in events if not e.bot})
    found: dict[tuple[str, int], datetime] = {}
    for start in range(0, len(visitors), 500):
        rows = session.execute(
            select(Click.visitor, Click.resource_id, func.max(Click.at))
            .where(Click.visitor.in_(visitors[start : start + 500]))
            .where(Click.at >= since, Click.counted.is_(True), Click.resource_id.is_not(None))
            .group_by(Click.visitor, Click.resource_id)
        )
        for visitor, resource_id, at in rows:
            if resource_id is not None:
                found[(visitor, resource_id)] = _aware(at)
    return found


def _aware(value: datetime) -> datetime:
    """``max()`` bypasses the column type on SQLite, which returns naive UTC text."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def partner_by_slug(session: Session, slug: str) -> Partner | None:
    return session.scalar(
        select(Partner)
        .join(Provider)
        .where(Provider.slug == slug)
        .options(joinedload(Partner.provider))
    )


def all_partners(session: Session) -> Sequence[Partner]:
    return session.scalars(
        select(Partner).join(Provider).options(joinedload(Partner.provider)).order_by(Provider.slug)
    ).all()
