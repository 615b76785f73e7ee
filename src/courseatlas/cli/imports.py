"""``courseatlas import``: load feed files and report what was stored and what was rejected."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from courseatlas.cli.context import console, database, settings
from courseatlas.cli.search import sync_index
from courseatlas.ingest.profiles import PROFILES
from courseatlas.ingest.service import ImportSummary, run_import

SHOWN_REJECTIONS = 50


def import_command(
    files: Annotated[list[Path], typer.Argument(help="Feed files (.jsonl, .csv, optionally .gz).")],
    profile: Annotated[
        str, typer.Option(help=f"Feed shape: {', '.join(sorted(PROFILES))}.")
    ] = "canonical",
    batch_size: Annotated[
        int | None, typer.Option(min=1, max=50_000, help="Rows per transaction.")
    ] = None,
) -> None:
    """Import resources. Exit 0: all stored; 2: some rows rejected; 1: nothing imported."""
    if profile not in PROFILES:
        console.print(
            f"[red]error:[/] unknown profile {profile!r}; known: {', '.join(sorted(PROFILES))}"
        )
        raise typer.Exit(1)
    db = database()
    db.upgrade()
    with _progress() as bar:
        tasks: dict[str, TaskID] = {}

        def advance(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=done)

        summary = run_import(
            db.sessions,
            files,
            profile_name=profile,
            batch_size=batch_size or settings().import_batch_size,
            progress=advance,
        )
    _report(summary)
    if summary.stored:
        sync_index()
    raise typer.Exit(summary.exit_code)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


def _report(summary: ImportSummary) -> None:
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
