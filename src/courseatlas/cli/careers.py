"""``courseatlas careers import`` and ``courseatlas import --profile onet``: career data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from courseatlas.careers.guides import bundled_guides_dir
from courseatlas.careers.importers import import_guides, import_onet
from courseatlas.cli.context import console, prepared_database
from courseatlas.cli.reports import report

app = typer.Typer(help="Career guides and occupation data.", no_args_is_help=True)


@app.command("import")
def import_guides_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Guide files (.md) or folders of them; default: the bundled guides."),
    ] = None,
) -> None:
    """Import authored career guides. Exit 0: all stored; 2: some rejected; 1: none stored."""
    db = prepared_database()
    summary = import_guides(db.sessions, paths or [bundled_guides_dir()])
    report(summary)
    raise typer.Exit(summary.exit_code)


def import_onet_folder(paths: list[Path]) -> int:
    """The ``onet`` profile of ``courseatlas import``: one folder of the O*NET text database."""
    if len(paths) != 1 or not paths[0].is_dir():
        console.print(
            "[red]error:[/] --profile onet takes one folder: the O*NET database in text format"
        )
        return 1
    db = prepared_database()
    with console.status("reading the O*NET database ..."):
        summary = import_onet(db.sessions, paths[0])
    report(summary)
    return summary.exit_code
