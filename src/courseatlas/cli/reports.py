"""What an import run did, as operators read it: rejected rows (file:line: field: reason) and counts."""

from __future__ import annotations

from rich.table import Table

from courseatlas.cli.context import console
from courseatlas.ingest.runs import ImportSummary

SHOWN_REJECTIONS = 50
COLUMNS = ("created", "updated", "unchanged", "rejected", "warnings")
STATUS_TITLES = {"warned": "stored, with warnings"}


def report(summary: ImportSummary) -> None:
    for rejection in summary.rejections[:SHOWN_REJECTIONS]:
        prefix = "WARNING: " if rejection.severity == "warning" else ""
        console.print(
            f"{prefix}{rejection.file}:{rejection.line}: {rejection.field}: {rejection.reason}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    hidden = len(summary.rejections) - SHOWN_REJECTIONS
    if hidden > 0 or summary.counts["rejected"] > len(summary.rejections):
        console.print(f"... more rejections: see `GET /api/v1/imports/{summary.run_id}`")
    title = STATUS_TITLES.get(summary.status, summary.status)
    table = Table(title=f"import run {summary.run_id}: {title}")
    for column in COLUMNS:
        table.add_column(column, justify="right")
    table.add_row(*(f"{summary.counts[c]:,}" for c in COLUMNS))
    console.print(table)
