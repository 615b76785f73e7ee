"""The referrals admin page and its CSV: ready to be routed behind the admin guard.

Not registered on the site's router: whoever wires it puts the admin check in front.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from courseatlas.http.caching import NO_STORE
from courseatlas.referrals.chart import daily_chart
from courseatlas.referrals.exports import report_csv
from courseatlas.referrals.linkstates import dead_links
from courseatlas.referrals.report import Dimension, Span, build
from courseatlas.settings import Settings
from courseatlas.site.seo import PageMeta
from courseatlas.site.templating import render

DEFAULT_DAYS = 30
TOP_RESOURCES = 10


def span_of(settings: Settings, first: date | None, last: date | None) -> Span:
    """The days asked for, by default the last 30 up to today in the operator's time zone."""
    today = datetime.now(settings.timezone).date()
    last = last or today
    return Span(first or last - timedelta(days=DEFAULT_DAYS - 1), last, settings.timezone)


def referrals_page(request: Request, session: Session, settings: Settings, span: Span) -> Response:
    daily = build(session, span, "day")
    query = f"from={span.first.isoformat()}&to={span.last.isoformat()}"
    context = {
        "meta": PageMeta(
            title="Referrals", description="Referral report", path=request.url.path, indexable=False
        ),
        "span": span,
        "report": daily,
        "chart": daily_chart(daily),
        "top": build(session, span, "resource")["rows"][:TOP_RESOURCES],
        "dead_links": dead_links(session),
        "csv_href": f"{request.url.path}.csv?{query}",
        "timezone": settings.operator_timezone,
    }
    return render(request, "admin_referrals.html", context, cache_control=NO_STORE)


def referrals_csv(session: Session, span: Span, by: Dimension = "day") -> Response:
    name = f"referrals-{by}-{span.first.isoformat()}-{span.last.isoformat()}.csv"
    return Response(
        report_csv(build(session, span, by), by),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": NO_STORE,
        },
    )
