"""Against a real server: the documented partner examples work, and SIGTERM loses no click."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from sqlalchemy import func, select

from courseatlas.referrals import partners
from courseatlas.referrals.models import Click, Conversion
from tests.referrals.conftest import Shop
from tests.web.live import serving

DOCS = Path(__file__).resolve().parents[2] / "docs" / "referrals.md"


def _examples(language: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    [code] = re.findall(rf"<!-- tested by [^>]+ -->\n```{language}\n(.*?)```", text, flags=re.S)
    return code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_a_graceful_shutdown_writes_every_click(shop: Shop, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "COURSEATLAS_CLICK_FLUSH_SECONDS": "3600", "COURSEATLAS_ENV": "test"}
    opener = urllib.request.build_opener(_NoRedirect)
    with serving(env) as (url, _):
        for _ in range(50):
            try:
                opener.open(f"{url}/go/{shop.ids['c3']}?from=search", timeout=10)
            except urllib.error.HTTPError as redirect:
                assert redirect.code == 302
                assert redirect.headers["Location"] == "https://openlab.example/python"
    with shop.db.session() as session:
        assert (
            session.scalar(select(func.count()).select_from(Click).where(Click.page == "search"))
            == 50
        )


def test_the_documented_examples_are_accepted(shop: Shop, cli_env: dict[str, str]) -> None:
    with shop.db.session() as session:
        secret = partners.new_secret(session, "northbridge")
    with serving({**cli_env, "COURSEATLAS_ENV": "test"}) as (url, _):
        env = {
            **cli_env,
            "COURSEATLAS": url,
            "PARTNER_SLUG": "northbridge",
            "PARTNER_SECRET": secret,
        }
        python = subprocess.run(
            [sys.executable, "-c", _examples("python")],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert python.returncode == 0, python.stderr
        assert python.stdout.startswith(
            '200 {"order_id":"ORD-1001","status":"approved","changed":true'
        )
        shell = subprocess.run(
            ["sh", "-c", _examples("sh")],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert shell.returncode == 0, shell.stderr
        assert '"order_id":"ORD-1002","status":"approved","changed":true' in shell.stdout
        forged = subprocess.run(
            ["sh", "-c", _examples("sh")],
            env={**env, "PARTNER_SECRET": "guess"},
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert '"status":401' in forged.stdout
    with shop.db.session() as session:
        stored = sorted(session.execute(select(Conversion.order_id, Conversion.currency)).all())
    assert [tuple(row) for row in stored] == [("ORD-1001", "USD"), ("ORD-1002", "EUR")]
