"""The Typer application and the options every command shares."""

from __future__ import annotations

import typer

from courseatlas.cli import (
    accounts,
    careers,
    database,
    images,
    imports,
    operations,
    rates,
    referrals,
    search,
    semantic,
    server,
)

app = typer.Typer(
    name="courseatlas",
    help="courseatlas: a learning-resource discovery service.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(database.app, name="db")
app.add_typer(careers.app, name="careers")
app.add_typer(rates.app, name="rates")
app.add_typer(referrals.partners_app, name="partners")
app.add_typer(referrals.referrals_app, name="referrals")
app.add_typer(referrals.links_app, name="links")
app.add_typer(accounts.users, name="users")
app.add_typer(accounts.mail_app, name="mail")
app.add_typer(images.app, name="pictures")
app.command("import")(imports.import_command)
app.command("serve")(server.serve)
app.command("demo")(server.demo)
app.command("reindex")(search.reindex)
app.command("embed")(semantic.embed)
app.command("export")(operations.export)
app.command("backup")(operations.backup)
app.command("restore")(operations.restore)
app.command("stats")(operations.stats)
app.command("follow")(search.follow)
