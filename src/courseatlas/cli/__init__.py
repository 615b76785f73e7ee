"""The ``courseatlas`` command: one Typer app, a module per feature, no business logic here.

Importing this package costs nothing: a process ``import`` spawns (validation, the index
follower) runs the ``courseatlas`` script again, and would otherwise import every command
(a second of CPU each) before the little it needs.
"""

from __future__ import annotations

# The shell's code for a command stopped by Ctrl-C (128 + SIGINT), as Typer exits once it runs.
INTERRUPTED = 130


def main() -> None:
    try:
        from sqlalchemy.exc import OperationalError

        from courseatlas.cli.app import app
        from courseatlas.cli.context import console
    except KeyboardInterrupt:  # Ctrl-C while starting up: no traceback of the imports.
        raise SystemExit(INTERRUPTED) from None
    try:
        app()
    except OperationalError as error:
        # Down, unreachable or locked: one line the operator can act on, never a traceback.
        reason = str(error.orig).strip().splitlines()[0] if error.orig else "no reason given"
        console.print(f"[red]error:[/] the database cannot be used: {reason}")
        raise SystemExit(1) from None
