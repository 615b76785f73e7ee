"""Referral reports: clicks, bots, visitors, conversions and revenue over a span of the
operator's calendar days, in total and by day, partner, resource or page kind.

``clicks`` counts human clicks after dedupe; ``conversions`` and ``revenue`` count approved
conversions not reversed, on the day they were received. Visitor keys change daily, so
``visitors`` over several days counts a returning visitor once per day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Provider, Resource
from courseatlas.referrals.models import Click, Conversion, Partner
from courseatlas.referrals.schemas import PAGE_KINDS

Dimension = Literal["day", "partner", "resource", "page"]
DIMENSIONS: tuple[Dimension, ...] = ("day", "partner", "resource", "page")
Key = str | int | None


@dataclass
class Tally:
    clicks: int = 0
    bot_clicks: int = 0
    visitors: set[str] = field(default_factory=set)
    conversions: int = 0
    revenue: dict[str, Decimal] = field(default_factory=dict)

    def add_click(self, visitor: str, bot: bool, counted: bool) -> None:
        if bot:
            self.bot_clicks += 1
            return
        self.visitors.add(visitor)
        self.clicks += counted

    def add_conversion(self, amount: Decimal, currency: str) -> None:
        self.conversions += 1
        self.revenue[currency] = self.revenue.get(currency, Decimal(0)) + amount

    def out(self) -> dict[str, Any]:
        return {
            "clicks": self.clicks,
            "bot_clicks": self.bot_clicks,
            "visitors": len(self.visitors),
            "conversions": self.conversions,
            "revenue": {c: float(self.revenue[c]) for c in sorted(self.revenue)},
            "conversion_rate": round(self.conversions / self.clicks, 4) if self.clicks else 0.0,
        }


@dataclass(frozen=True)
class Span:
    """Calendar days ``first`` to ``last`` (both included) in ``zone``, as UTC instants."""

    first: date
    last: date
    zone: ZoneInfo

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(), self.zone).astimezone(UTC)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(), self.zone).astimezone(UTC)

    def day(self, at: datetime) -> str:
        return at.astimezone(self.zone).date().isoformat()

    def days(self) -> list[str]:
        count = (self.last - self.first).days + 1
        return [(self.first + timedelta(days=n)).isoformat() for n in range(count)]


def build(session: Session, span: Span, by: Dimension = "day") -> dict[str, Any]:
    """The report as the JSON contract has it: ``{"totals": {...}, "rows": [...]}``."""
    totals = Tally()
    rows: dict[Key, Tally] = {key: Tally() for key in _fixed_keys(span, by)}
    for at, visitor, bot, counted, slug, resource_id, page in _clicks(session, span):
        key = _key(by, span, at, slug, resource_id, page)
        for tally in (totals, rows.setdefault(key, Tally())):
            tally.add_click(visitor, bot, counted)
    for at, amount, currency, slug, resource_id, page in _conversions(session, span):
        key = _key(by, span, at, slug, resource_id, page)
        for tally in (totals, rows.setdefault(key, Tally())):
            tally.add_conversion(amount, currency)
    titles = _titles(session, [k for k in rows if isinstance(k, int)]) if by == "resource" else {}
    return {
        "totals": totals.out(),
        "rows": [{**_label(by, key, titles), **tally.out()} for key, tally in _ordered(by, rows)],
    }


def _key(
    by: Dimension,
    span: Span,
    at: datetime,
    slug: str | None,
    resource: int | None,
    page: str | None,
) -> Key:
    if by == "day":
        return span.day(at)
    if by == "partner":
        return slug
    return resource if by == "resource" else page


def _fixed_keys(span: Span, by: Dimension) -> Iterable[Key]:
    """Rows shown even when empty: every day of the span."""
    return span.days() if by == "day" else ()


def _ordered(by: Dimension, rows: dict[Key, Tally]) -> list[tuple[Key, Tally]]:
    if by == "day":
        return sorted(rows.items(), key=lambda item: str(item[0]))
    if by == "page":
        order = {kind: n for n, kind in enumerate(PAGE_KINDS)}
        return sorted(rows.items(), key=lambda item: order.get(str(item[0]), len(order)))
    # Partners and resources: the busiest first; ``None`` (direct, unattributed) last.
    return sorted(rows.items(), key=lambda item: (item[0] is None, -item[1].clicks, str(item[0])))


def _label(by: Dimension, key: Key, titles: dict[int, str]) -> dict[str, Any]:
    if by == "resource":
        return {"resource_id": key, "title": titles.get(key) if isinstance(key, int) else None}
    return {by: key}


def _clicks(session: Session, span: Span) -> Iterable[Any]:
    query = (
        select(
            Click.at,
            Click.visitor,
            Click.bot,
            Click.counted,
            Provider.slug,
            Click.resource_id,
            Click.page,
        )
        .outerjoin(Partner, Partner.id == Click.partner_id)
        .outerjoin(Provider, Provider.id == Partner.provider_id)
        .where(Click.at >= span.start, Click.at < span.end)
    )
    return session.execute(query.execution_options(yield_per=10_000))


def _conversions(session: Session, span: Span) -> Iterable[Any]:
    """Approved conversions received in the span, with the click they came from, if known."""
    query = (
        select(
            Conversion.received_at,
            Conversion.amount,
            Conversion.currency,
            Provider.slug,
            Click.resource_id,
            Click.page,
        )
        .join(Partner, Partner.id == Conversion.partner_id)
        .join(Provider, Provider.id == Partner.provider_id)
        .outerjoin(
            Click,
            and_(Click.click_id == Conversion.click_id, Click.partner_id == Conversion.partner_id),
        )
        .where(Conversion.status == "approved")
        .where(Conversion.received_at >= span.start, Conversion.received_at < span.end)
    )
    return session.execute(query)


def _titles(session: Session, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(
        session.execute(select(Resource.id, Resource.title).where(Resource.id.in_(ids))).all()
    )
