"""``courseatlas partners``, ``courseatlas referrals report`` and ``courseatlas links check``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from courseatlas.cli.context import console, counting_progress, prepared_database, settings
from courseatlas.cli.search import sync_index
from courseatlas.errors import CourseatlasError
from courseatlas.referrals import linkstates, partners
from courseatlas.referrals.exports import report_csv, report_json, table_rows
from courseatlas.referrals.links import CheckOptions
from courseatlas.referrals.report import Span, build

partners_app = typer.Typer(
    help="Partners: providers with a referral programme.", no_args_is_help=True
)
referrals_app = typer.Typer(help="Referral reports.", no_args_is_help=True)
links_app = typer.Typer(help="Live links: check the stored URLs.", no_args_is_help=True)

Slug = Annotated[str, typer.Argument(help="The provider's slug.")]
Day = Annotated[datetime, typer.Option(formats=["%Y-%m-%d"], help="A day, YYYY-MM-DD.")]


class By(StrEnum):
    day = "day"
    partner = "partner"
    resource = "resource"
    page = "page"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@contextmanager
def _reported() -> Iterator[None]:
    """Errors of the service as one line and exit 1, never a traceback."""
    try:
        yield
    except CourseatlasError as error:
        console.print(f"[red]error:[/] {error.detail}", markup=True, highlight=False)
        raise typer.Exit(1) from None


@partners_app.command("set")
def set_partner(
    slug: Slug,
    template: Annotated[
        str, typer.Option(help="Link template: {url} {url_encoded} {click_id} {resource_id}.")
    ],
    hosts: Annotated[str, typer.Option(help="Comma-separated hosts its links may point to.")],
    inactive: Annotated[bool, typer.Option("--inactive", help="Links go direct for now.")] = False,
) -> None:
    """Create or change a partner (its secret stays as it was)."""
    db = prepared_database()
    with _reported(), db.session() as session:
        partner = partners.set_partner(session, slug, template, hosts.split(","), not inactive)
        state = "active" if partner.active else "inactive"
        console.print(f"partner {slug}: {state}, hosts {', '.join(partner.hosts)}")


@partners_app.command("secret")
def secret(slug: Slug) -> None:
    """Make a new webhook secret (the old one stops working); printed alone on the last line."""
    db = prepared_database()
    with _reported(), db.session() as session:
        value = partners.new_secret(session, slug)
    console.print(f"new webhook secret of {slug}; give it to the partner:")
    typer.echo(value)


@partners_app.command("list")
def list_partners() -> None:
    """Every partner with its template, hosts, state and whether it has a secret."""
    db = prepared_database()
    table = Table("partner", "active", "hosts", "template", "secret")
    with db.session() as session:
        for partner in partners.partners(session):
            table.add_row(
                partner.provider.slug,
                "yes" if partner.active else "no",
                ", ".join(partner.hosts),
                partner.template,
                "set" if partner.secret else "none",
            )
    Console().print(table)


@referrals_app.command("report")
def report(
    start: Annotated[datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First day.")],
    end: Annotated[
        datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day (included).")
    ],
    by: Annotated[
        By, typer.Option(help="One row per day, partner, resource or page kind.")
    ] = By.day,
    output: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
) -> None:
    """Clicks, bot clicks, visitors, conversions, revenue and conversion rate; days in
    COURSEATLAS_OPERATOR_TIMEZONE."""
    if end < start:
        console.print("[red]error:[/] --to is before --from")
        raise typer.Exit(1)
    span = Span(start.date(), end.date(), settings().timezone)
    db = prepared_database()
    with db.session() as session:
        found = build(session, span, by.value)
        dead = linkstates.dead_links(session)
    if output is Format.json:
        sys.stdout.write(report_json(found, dead))
    elif output is Format.csv:
        sys.stdout.write(report_csv(found, by.value))
    else:
        _print_table(found, by.value, dead)


def _print_table(found: dict[str, Any], by: str, dead: list[dict[str, Any]]) -> None:
    out = Console()
    headers, rows = table_rows(found, by)
    table = Table(*headers)
    for row in rows:
        table.add_row(*row)
    out.print(table)
    if dead:
        out.print(f"dead links ({len(dead)}):")
    for link in dead:
        partner = link["partner"] or "(no partner)"
        line = f"  {partner}: {link['title']} <{link['url']}> {link['answer']}"
        out.print(f"{line}, checked {link['checked_at'][:10]}", markup=False, highlight=False)


@links_app.command("check")
def check_links(
    concurrency: Annotated[int, typer.Option(min=1, max=256, help="Links checked at once.")] = 8,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Check at most this many (longest unchecked first).")
    ] = None,
) -> None:
    """Fetch stored URLs; a link failing twice in a row over at least a day is marked dead."""
    config = settings()
    db = prepared_database()
    options = CheckOptions(
        concurrency=concurrency,
        timeout=config.link_check_timeout,
        host_interval=config.link_check_host_interval,
        public_url=config.public_url,
    )
    with counting_progress("checking links") as progress:
        summary = linkstates.run(db, options, limit, progress)
    console.print(
        f"links: {summary.checked:,} checked, {summary.ok:,} ok, {summary.failed:,} failed; "
        f"{summary.dead:,} dead, {summary.revived:,} back"
    )
    sync_index()
