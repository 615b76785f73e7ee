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

from courseatlas.careers.importers import ONET_PROFILE
from courseatlas.cli.careers import import_onet_folder
from courseatlas.cli.context import console, prepared_database, settings
from courseatlas.cli.reports import report
from courseatlas.cli.search import index_runtime, sync_index
from courseatlas.ingest.profiles import PROFILES
from courseatlas.ingest.service import run_import

INDEX_WHILE_STORING_SECONDS = 1.0


def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Feed files (.jsonl, .csv, optionally .gz); for onet, one folder."),
    ],
    profile: Annotated[str, typer.Option(help=f"Feed shape: {', '.join(_known())}.")] = "canonical",
    batch_size: Annotated[
        int | None, typer.Option(min=1, max=50_000, help="Rows per transaction.")
    ] = None,
) -> None:
    """Import resources (or, with --profile onet, occupations). Exit 0: all stored; 3: all
    stored, with warnings (bad optional values left out); 2: some rows rejected; 1: nothing
    imported."""
    if profile == ONET_PROFILE:
        raise typer.Exit(import_onet_folder(files))
    if profile not in PROFILES:
        console.print(f"[red]error:[/] unknown profile {profile!r}; known: {', '.join(_known())}")
        raise typer.Exit(1)
    db = prepared_database()
    runtime = index_runtime()
    # The index follows the storing, batch by batch, rather than starting when it ends.
    runtime.start(INDEX_WHILE_STORING_SECONDS)
    try:
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
    except BaseException:
        runtime.stop()
        raise
    report(summary)
    if summary.stored:
        sync_index(runtime)  # What the last batches changed; stops the runtime.
    else:
        runtime.stop()
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


def _known() -> list[str]:
    return sorted([*PROFILES, ONET_PROFILE])
