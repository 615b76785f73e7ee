"""The geometry of the referrals chart: clicks per day as bars, revenue per day as a line,
computed here so the template only draws (a server-rendered SVG, no script)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT = 720, 240
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 48, 48, 16, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: str
    clicks: int
    revenue: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    line: str  # SVG polyline points of revenue
    currency: str | None  # the currency charted: the one with the most revenue
    max_clicks: int
    max_revenue: float
    baseline: float
    label_every: int  # label one day in so many, so labels never overlap
    left: float = PAD_LEFT
    right: float = WIDTH - PAD_RIGHT


def daily_chart(report: dict[str, Any]) -> Chart:
    """The chart of a report built ``by="day"``."""
    rows = report["rows"]
    currency = _main_currency(report["totals"]["revenue"])
    revenue = [float(row["revenue"].get(currency, 0.0)) if currency else 0.0 for row in rows]
    max_clicks = max([row["clicks"] for row in rows] + [1])
    max_revenue = max([*revenue, 1.0])
    inner_w = WIDTH - PAD_LEFT - PAD_RIGHT
    inner_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = inner_w / max(len(rows), 1)
    baseline = PAD_TOP + inner_h
    bars, points = [], []
    for n, (row, money) in enumerate(zip(rows, revenue, strict=True)):
        height = inner_h * row["clicks"] / max_clicks
        x = PAD_LEFT + n * step
        bars.append(
            Bar(
                x + step * 0.1,
                baseline - height,
                step * 0.8,
                height,
                row["day"],
                row["clicks"],
                money,
            )
        )
        points.append(f"{x + step / 2:.1f},{baseline - inner_h * money / max_revenue:.1f}")
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        line=" ".join(points),
        currency=currency,
        max_clicks=max_clicks,
        max_revenue=max_revenue,
        baseline=baseline,
        label_every=max(1, round(len(rows) / 8)),
    )


def _main_currency(revenue: dict[str, float]) -> str | None:
    return max(revenue, key=lambda c: (revenue[c], c)) if revenue else None
