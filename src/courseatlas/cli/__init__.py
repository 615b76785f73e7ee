"""The ``courseatlas`` command: one Typer app, a module per feature, no business logic here."""

from __future__ import annotations

from courseatlas.cli.app import app


def main() -> None:
    app()
