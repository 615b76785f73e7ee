"""``courseatlas users`` and ``courseatlas mail`` as operators and scripts run them."""

from __future__ import annotations

import re
import subprocess

from fastapi.testclient import TestClient

from courseatlas.app import create_app
from courseatlas.db.database import Database
from tests.helpers import cli_environment, run_cli


def _run(db: Database, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_cli(cli_environment(db), *args, stdin=stdin)


def test_users_create_token_list_delete(db: Database) -> None:
    created = _run(
        db,
        "users",
        "create",
        "ops@example.org",
        "--admin",
        "--password-stdin",
        stdin="an operator passphrase\n",
    )
    assert created.returncode == 0, created.stderr
    assert "an operator passphrase" not in created.stdout + created.stderr
    token = _run(db, "users", "token", "ops@example.org")
    assert token.returncode == 0
    secret = token.stdout.strip().splitlines()[-1]
    with TestClient(create_app(db.settings, db)) as client:
        me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).json()
        assert me["email"] == "ops@example.org" and me["is_admin"] is True
    listed = _run(db, "users", "list")
    assert "ops@example.org" in listed.stdout and "yes" in listed.stdout
    assert _run(db, "users", "delete", "ops@example.org").returncode == 0
    assert "ops@example.org" not in _run(db, "users", "list").stdout


def test_users_errors_are_one_clear_line(db: Database) -> None:
    common = _run(db, "users", "create", "a@example.org", "--password-stdin", stdin="1234567890\n")
    assert (
        common.returncode == 1
        and "most common" in common.stderr
        and "Traceback" not in common.stderr
    )
    no_stdin = _run(db, "users", "create", "a@example.org")
    assert no_stdin.returncode == 2 and "--password-stdin" in no_stdin.stderr
    missing = _run(db, "users", "token", "nobody@example.org")
    assert (
        missing.returncode == 1 and "no account has the email nobody@example.org" in missing.stderr
    )
    bad = _run(
        db, "users", "create", "not-an-email", "--password-stdin", stdin="a long passphrase here\n"
    )
    assert bad.returncode == 1 and "email address" in bad.stderr


def test_mail_outbox_prints_the_messages(db: Database) -> None:
    assert "is empty" in _run(db, "mail", "outbox").stderr
    with TestClient(create_app(db.settings, db)) as client:
        page = client.get("/account/signup")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        client.post(
            "/account/signup",
            data={
                "email": "mail@example.org",
                "password": "a long passphrase here",
                "csrf_token": token,
            },
        )
    out = _run(db, "mail", "outbox").stdout
    assert "To: mail@example.org" in out
    assert re.search(r"http://testserver/account/confirm\?token=[\w-]{43}\n", out)
