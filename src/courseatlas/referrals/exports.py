"""A referral report written out: JSON (the contract), CSV (a column per currency), table rows."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

METRICS = ("clicks", "bot_clicks", "visitors", "conversions", "conversion_rate")


def report_json(report: dict[str, Any], dead_links: list[dict[str, Any]]) -> str:
    return json.dumps({**report, "dead_links": dead_links}, ensure_ascii=False) + "\n"


def currencies(report: dict[str, Any]) -> list[str]:
    return sorted({c for row in [report["totals"], *report["rows"]] for c in row["revenue"]})


def report_csv(report: dict[str, Any], by: str) -> str:
    money = currencies(report)
    keys = ["resource_id", "title"] if by == "resource" else [by]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*keys, *METRICS, *(f"revenue_{c}" for c in money)])
    for row in report["rows"]:
        writer.writerow(
            [
                *(row[k] if row[k] is not None else "" for k in keys),
                *(row[m] for m in METRICS),
                *(f"{row['revenue'].get(c, 0):.2f}" for c in money),
            ]
        )
    return out.getvalue()


def table_rows(report: dict[str, Any], by: str) -> tuple[list[str], list[list[str]]]:
    """Headers and formatted rows, the totals last."""
    money = currencies(report)
    headers = [by, "clicks", "bots", "visitors", "conversions", "rate", *money]
    rows = [[label(row, by), *_cells(row, money)] for row in report["rows"]]
    rows.append(["total", *_cells(report["totals"], money)])
    return headers, rows


def label(row: dict[str, Any], by: str) -> str:
    if by == "resource":
        return f"{row['title']} ({row['resource_id']})" if row["resource_id"] else "(unattributed)"
    if row[by] is None:
        return "(direct)" if by == "partner" else "(unattributed)"
    return str(row[by])


def _cells(row: dict[str, Any], money: list[str]) -> list[str]:
    return [
        f"{row['clicks']:,}",
        f"{row['bot_clicks']:,}",
        f"{row['visitors']:,}",
        f"{row['conversions']:,}",
        f"{row['conversion_rate']:.2%}",
        *(f"{row['revenue'].get(c, 0):,.2f}" for c in money),
    ]
