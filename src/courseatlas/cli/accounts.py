"""``courseatlas users ...`` and ``courseatlas mail outbox``: accounts from the command line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from courseatlas.accounts import mail, repository, service
from courseatlas.accounts.models import User
from courseatlas.cli.context import console, prepared_database, settings
from courseatlas.errors import CourseatlasError, NotFound

users = typer.Typer(help="Learner and admin accounts.", no_args_is_help=True)
mail_app = typer.Typer(help="Email the service sends.", no_args_is_help=True)


@users.command("create")
def create(
    email: str,
    admin: Annotated[
        bool, typer.Option("--admin", help="Give the account the admin role.")
    ] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create a confirmed account (the password comes from standard input, never an argument)."""
    if not password_stdin:
        console.print("[red]error:[/] pass --password-stdin and the password on standard input")
        raise typer.Exit(2)
    password = sys.stdin.readline().rstrip("\r\n")
    with _failing_clearly(), prepared_database().session() as session:
        user = service.create_user(session, email, password, admin)
        console.print(f"created {'admin ' if admin else ''}account {user.id} for {user.email}")


@users.command("token")
def token(
    email: str, name: Annotated[str, typer.Option(help="What the token is for.")] = "CLI"
) -> None:
    """Print a new personal API token for the account, alone on the last line."""
    with _failing_clearly(), prepared_database().session() as session:
        user = _user(session, email)
        secret = service.new_token(session, user.id, name)
    print(secret)


@users.command("list")
def list_users() -> None:
    """Every account: id, email, admin, confirmed."""
    table = Table("id", "email", "admin", "confirmed", "created")
    with prepared_database().session() as session:
        offset = 0
        while batch := repository.users(session, offset, 1000):
            for user in batch:
                confirmed = user.confirmed_at.date().isoformat() if user.confirmed_at else "no"
                table.add_row(
                    str(user.id),
                    user.email,
                    "yes" if user.is_admin else "",
                    confirmed,
                    user.created_at.date().isoformat(),
                )
            offset += len(batch)
    Console().print(table)  # data, on standard output


@users.command("delete")
def delete(email: str) -> None:
    """Delete an account with its sessions, tokens and lists."""
    with _failing_clearly(), prepared_database().session() as session:
        service.remove_user(session, _user(session, email))
    console.print(f"deleted the account of {email}")


@mail_app.command("outbox")
def outbox(
    last: Annotated[int, typer.Option(min=1, help="How many of the latest messages.")] = 5,
) -> None:
    """Print the latest messages written to the local outbox (when no SMTP server is set)."""
    found = mail.outbox(settings())
    if not found:
        console.print(f"the outbox ({mail.outbox_dir(settings())}) is empty")
        return
    for path in found[-last:]:
        print(f"==> {path.name}")
        print(mail.readable(path.read_text(encoding="utf-8")))


def _user(session: Session, email: str) -> User:
    user = repository.user_by_email(session, email)
    if user is None:
        raise NotFound(f"no account has the email {email}")
    return user


@contextmanager
def _failing_clearly() -> Iterator[None]:
    """Errors a person can act on are printed as one line and exit with status 1."""
    try:
        yield
    except CourseatlasError as error:
        console.print(f"[red]error:[/] {error.detail}")
        raise typer.Exit(1) from None
