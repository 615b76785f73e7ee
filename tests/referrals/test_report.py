"""Referral reports against a hand-counted fixture, in the operator's time zone (New York)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from courseatlas.catalog.models import Provider
from courseatlas.referrals import repository
from courseatlas.referrals.models import Conversion, Partner
from courseatlas.referrals.report import Span, build
from courseatlas.referrals.repository import ClickEvent
from tests.helpers import cli_environment, run_cli
from tests.referrals.conftest import Shop

ZONE = ZoneInfo("America/New_York")  # UTC-5 in December
SPAN = Span(date(2026, 12, 1), date(2026, 12, 2), ZONE)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def counted(shop: Shop) -> Shop:
    """Clicks and conversions whose report is counted by hand in the tests below."""
    with shop.db.session() as session:
        nb = session.scalar(select(Partner.id).join(Provider).where(Provider.slug == "northbridge"))
        c1, c3 = shop.ids["c1"], shop.ids["c3"]

        def click(
            name: str,
            at: str,
            visitor: str,
            resource: int,
            partner: int | None,
            page: str,
            bot: bool = False,
        ) -> ClickEvent:
            return ClickEvent(name, resource, partner, page, _at(at), visitor * 32, bot)

        repository.write_clicks(
            session,
            [
                click("k1", "2026-12-01T15:00:00", "a", c1, nb, "resource"),
                click("k2", "2026-12-01T15:00:10", "a", c1, nb, "resource"),  # 10 s later: once
                click("k4", "2026-12-01T15:00:20", "b", c1, nb, "resource"),
                click("k5", "2026-12-01T16:00:00", "c", c1, nb, "resource", bot=True),
                click(
                    "k6", "2026-12-02T04:30:00", "d", c3, None, "search"
                ),  # 23:30 on the 1st in NY
                click(
                    "k8", "2026-12-01T04:00:00", "e", c1, nb, "resource"
                ),  # 30 Nov in NY: outside
                click("k9", "2026-12-03T05:00:00", "e", c1, nb, "resource"),  # 3 Dec in NY: outside
            ],
        )
        # A second batch: the window reaches back into what the first one wrote.
        repository.write_clicks(
            session,
            [
                click(
                    "k3", "2026-12-01T15:00:40", "a", c1, nb, "resource"
                ),  # 40 s after k1: counts
                click(
                    "k7", "2026-12-02T05:30:00", "d", c3, None, "search"
                ),  # 00:30 on the 2nd in NY
            ],
        )

        def sale(
            order: str, click_id: str, amount: str, currency: str, at: str, status: str = "approved"
        ) -> Conversion:
            return Conversion(
                partner_id=nb,
                order_id=order,
                click_id=click_id,
                amount=Decimal(amount),
                currency=currency,
                status=status,
                received_at=_at(at),
            )

        session.add_all(
            [
                sale("o1", "k1", "12.50", "USD", "2026-12-01T18:00:00"),
                sale("o2", "k4", "10.00", "EUR", "2026-12-02T06:00:00"),
                sale("o3", "k3", "5.00", "USD", "2026-12-01T19:00:00", status="reversed"),
                sale("o4", "nope", "2.25", "USD", "2026-12-02T12:00:00"),  # unattributed
                sale("o5", "k8", "100", "USD", "2026-12-01T03:00:00"),  # 30 Nov in NY: outside
            ]
        )
    return shop


def _row(
    clicks: int, bots: int, visitors: int, conversions: int, revenue: dict[str, float], rate: float
) -> dict[str, Any]:
    return {
        "clicks": clicks,
        "bot_clicks": bots,
        "visitors": visitors,
        "conversions": conversions,
        "revenue": revenue,
        "conversion_rate": rate,
    }


TOTALS = _row(5, 1, 3, 3, {"EUR": 10.0, "USD": 14.75}, 0.6)


def _report(shop: Shop, by: str) -> dict[str, Any]:
    with shop.db.session() as session:
        return build(session, SPAN, by)  # type: ignore[arg-type]


def test_by_day_in_the_operators_time_zone(counted: Shop) -> None:
    assert _report(counted, "day") == {
        "totals": TOTALS,
        "rows": [
            {"day": "2026-12-01", **_row(4, 1, 3, 1, {"USD": 12.5}, 0.25)},
            {"day": "2026-12-02", **_row(1, 0, 1, 2, {"EUR": 10.0, "USD": 2.25}, 2.0)},
        ],
    }


def test_by_partner(counted: Shop) -> None:
    assert _report(counted, "partner") == {
        "totals": TOTALS,
        "rows": [
            {"partner": "northbridge", **_row(3, 1, 2, 3, {"EUR": 10.0, "USD": 14.75}, 1.0)},
            {"partner": None, **_row(2, 0, 1, 0, {}, 0.0)},
        ],
    }


def test_by_resource(counted: Shop) -> None:
    c1, c3 = counted.ids["c1"], counted.ids["c3"]
    assert _report(counted, "resource") == {
        "totals": TOTALS,
        "rows": [
            {
                "resource_id": c1,
                "title": "Course number 1",
                **_row(3, 1, 2, 2, {"EUR": 10.0, "USD": 12.5}, 0.6667),
            },
            {"resource_id": c3, "title": "Course number 3", **_row(2, 0, 1, 0, {}, 0.0)},
            {"resource_id": None, "title": None, **_row(0, 0, 0, 1, {"USD": 2.25}, 0.0)},
        ],
    }


def test_by_page(counted: Shop) -> None:
    assert _report(counted, "page")["rows"] == [
        {"page": "resource", **_row(3, 1, 2, 2, {"EUR": 10.0, "USD": 12.5}, 0.6667)},
        {"page": "search", **_row(2, 0, 1, 0, {}, 0.0)},
        {"page": None, **_row(0, 0, 0, 1, {"USD": 2.25}, 0.0)},
    ]


def test_every_day_has_a_row(shop: Shop) -> None:
    with shop.db.session() as session:
        found = build(session, Span(date(2026, 2, 27), date(2026, 3, 1), ZONE))
    assert [row["day"] for row in found["rows"]] == ["2026-02-27", "2026-02-28", "2026-03-01"]
    assert found["totals"] == _row(0, 0, 0, 0, {}, 0.0)


def _cli(shop: Shop, *args: str) -> subprocess.CompletedProcess[str]:
    env = cli_environment(shop.db, COURSEATLAS_OPERATOR_TIMEZONE="America/New_York")
    return run_cli(env, *args)


def test_cli_json_is_the_contract(counted: Shop) -> None:
    done = _cli(
        counted,
        "referrals",
        "report",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-02",
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["totals"] == TOTALS
    assert set(found["totals"]) == {
        "clicks",
        "bot_clicks",
        "visitors",
        "conversions",
        "revenue",
        "conversion_rate",
    }
    assert [row["day"] for row in found["rows"]] == ["2026-12-01", "2026-12-02"]
    assert found["dead_links"] == []


def test_cli_csv_and_table(counted: Shop) -> None:
    done = _cli(
        counted,
        "referrals",
        "report",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-02",
        "--by",
        "partner",
        "--format",
        "csv",
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert rows[0] == {
        "partner": "northbridge",
        "clicks": "3",
        "bot_clicks": "1",
        "visitors": "2",
        "conversions": "3",
        "conversion_rate": "1.0",
        "revenue_EUR": "10.00",
        "revenue_USD": "14.75",
    }
    assert rows[1]["partner"] == ""
    table = _cli(counted, "referrals", "report", "--from", "2026-12-01", "--to", "2026-12-02")
    assert table.returncode == 0, table.stderr
    assert "2026-12-01" in table.stdout
    assert "14.75" in table.stdout


def test_cli_refuses_bad_dates(shop: Shop) -> None:
    for args in (
        ["--from", "2026-13-01", "--to", "2026-12-02"],
        ["--from", "2026-12-03", "--to", "2026-12-02"],
    ):
        done = _cli(shop, "referrals", "report", *args)
        assert done.returncode != 0
        assert "Traceback" not in done.stderr
        assert "--from" in done.stderr or "--to" in done.stderr
