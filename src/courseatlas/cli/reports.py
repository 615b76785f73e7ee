"""What an import run did, as operators read it: rejected rows (file:line: field: reason) and counts."""

from __future__ import annotations

from rich.table import Table

from courseatlas.cli.context import console
from courseatlas.ingest.runs import ImportSummary

SHOWN_REJECTIONS = 50


def report(summary: ImportSummary) -> None:
    for rejection in summary.rejections[:SHOWN_REJECTIONS]:
        console.print(
            f"{rejection.file}:{rejection.line}: {rejection.field}: {rejection.reason}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    hidden = len(summary.rejections) - SHOWN_REJECTIONS
    if hidden > 0 or summary.counts["rejected"] > len(summary.rejections):
        console.print(f"... more rejections: see `GET /api/v1/imports/{summary.run_id}`")
    table = Table(title=f"import run {summary.run_id}: {summary.status}")
    for column in ("created", "updated", "unchanged", "rejected"):
        table.add_column(column, justify="right")
    table.add_row(
        *(f"{summary.counts[c]:,}" for c in ("created", "updated", "unchanged", "rejected"))
    )
    console.print(table)
