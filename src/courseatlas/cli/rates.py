"""``courseatlas rates``: the exchange rates prices are converted with."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import select

from courseatlas.catalog.money import REFERENCE, ExchangeRate
from courseatlas.cli.context import console, prepared_database, settings
from courseatlas.ingest.rates import bundled_rates, read_rates, store_rates

app = typer.Typer(help="Exchange rates for prices in one currency.", no_args_is_help=True)


@app.command("load")
def load(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A CSV file with the header currency,per_eur (units one euro buys); "
            "default: the bundled rates.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Load or update rates; currencies the file leaves out keep theirs. Exit 0: stored;
    1: the file has problems (each printed as file:line: field: reason) and nothing changed."""
    try:
        data, name = (path.read_bytes(), str(path)) if path else bundled_rates()
    except OSError as error:
        console.print(f"{path}:0: file: {error.strerror}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    rates, problems = read_rates(data, name)
    for problem in problems:
        line = f"{problem.file}:{problem.line}: {problem.field}: {problem.reason}"
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    if problems:
        console.print(f"[red]error:[/] {len(problems)} problems: no rate was stored")
        raise typer.Exit(1)
    db = prepared_database()
    with db.session() as session:
        change = store_rates(session, rates)
    shown = ", ".join(change.changed) or "none"
    console.print(
        f"rates stored: {len(change.changed)} changed ({shown}), {change.unchanged} unchanged; "
        f"{change.repriced:,} resources to reprice in the search index"
    )


@app.command("show")
def show() -> None:
    """The rates in force, and the display currency prices are shown in."""
    db = prepared_database()
    display = settings().display_currency
    with db.session() as session:
        rows = session.execute(select(ExchangeRate).order_by(ExchangeRate.currency)).scalars()
        table = Table(title=f"per {REFERENCE}; prices are shown in {display}")
        for column in ("currency", "per_eur", "updated"):
            table.add_column(column)
        codes = set()
        for row in rows:
            codes.add(row.currency)
            table.add_row(
                row.currency, f"{row.per_eur.normalize():f}", f"{row.updated_at:%Y-%m-%d}"
            )
    console.print(table)
    if display != REFERENCE and display not in codes:
        console.print(f"[yellow]warning:[/] no rate for {display}: prices are shown as listed")
