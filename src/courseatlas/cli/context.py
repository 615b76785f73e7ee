"""What commands share: settings from the environment, the database, and a console."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from courseatlas.db.database import Database
from courseatlas.logging import configure_logging
from courseatlas.migrations.prepare import prepare_database
from courseatlas.settings import Settings

console = Console(stderr=True)


@cache
def settings() -> Settings:
    try:
        loaded = Settings()
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            console.print(f"[red]error:[/] setting {problem['loc']}: {problem['msg']}")
        raise typer.Exit(1) from None
    # Commands talk to people through the console; their log events matter only when asked for.
    quiet = "log_level" not in loaded.model_fields_set and loaded.env != "production"
    configure_logging(loaded.model_copy(update={"log_level": "WARNING"}) if quiet else loaded)
    return loaded


def database() -> Database:
    return Database(settings())


def prepared_database() -> Database:
    """The database, migrated to this version's schema first (a no-op when it already is)."""
    db = database()
    prepare_database(db)
    return db


@contextmanager
def counting_progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar of items done out of a total, on a terminal only; yields its update."""
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
