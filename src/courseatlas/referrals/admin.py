"""The referrals admin page and its CSV, behind the admin guard: to anyone else they do not
exist (404), like every admin page."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from courseatlas.accounts.deps import AdminLearner
from courseatlas.accounts.web import personal_page, redirect
from courseatlas.http.caching import NO_STORE
from courseatlas.http.deps import AppSettings, DbSession
from courseatlas.referrals import partners
from courseatlas.referrals.chart import daily_chart
from courseatlas.referrals.exports import report_csv
from courseatlas.referrals.linkstates import dead_links
from courseatlas.referrals.report import Dimension, Span, build
from courseatlas.settings import Settings
from courseatlas.site.seo import PageMeta
from courseatlas.site.templating import render

router = APIRouter(prefix="/admin", include_in_schema=False)
DEFAULT_DAYS = 30
TOP_RESOURCES = 10
Day = Annotated[date | None, Query()]
From = Annotated[date | None, Query(alias="from")]
PartnerSlug = Annotated[str, Path(max_length=200, pattern=r"^[a-z0-9-]+$")]


@router.get("/partners")
def partners_page(request: Request, admin: AdminLearner, session: DbSession) -> Response:
    context = {"partners": partners.partners(session), "secret": None}
    return personal_page(request, "admin/partners.html", "Partners", context)


@router.post("/partners")
def set_partner(
    admin: AdminLearner,
    session: DbSession,
    slug: Annotated[str, Form(max_length=200, pattern=r"^[a-z0-9-]+$")],
    template: Annotated[str, Form(max_length=2048)],
    hosts: Annotated[str, Form(max_length=2000)],
    active: Annotated[bool, Form()] = False,
) -> Response:
    partners.set_partner(session, slug, template, hosts.split(","), active)
    return redirect("/admin/partners")


@router.post("/partners/{slug}/secret")
def new_secret(
    request: Request, admin: AdminLearner, session: DbSession, slug: PartnerSlug
) -> Response:
    """The new webhook secret, shown once on this page (the old one stops working)."""
    context = {
        "secret": (slug, partners.new_secret(session, slug)),
        "partners": partners.partners(session),
    }
    return personal_page(request, "admin/partners.html", "Partners", context)


@router.get("/referrals")
def referrals(
    request: Request,
    admin: AdminLearner,
    session: DbSession,
    settings: AppSettings,
    start: From = None,
    to: Day = None,
) -> Response:
    return referrals_page(request, session, settings, span_of(settings, start, to))


@router.get("/referrals.csv")
def referrals_download(
    admin: AdminLearner,
    session: DbSession,
    settings: AppSettings,
    start: From = None,
    to: Day = None,
    by: Dimension = "day",
) -> Response:
    return referrals_csv(session, span_of(settings, start, to), by)


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
