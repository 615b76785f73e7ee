"""Clicks are written off the request path, in batches, and none is lost on a graceful shutdown."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from courseatlas.app import create_app
from courseatlas.db.base import utcnow
from courseatlas.db.database import Database
from courseatlas.migrations.prepare import prepare_database
from courseatlas.referrals.models import Click
from courseatlas.referrals.recorder import ClickRecorder
from courseatlas.referrals.repository import ClickEvent
from courseatlas.settings import Settings
from tests.referrals.conftest import Shop


def _count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Click)) or 0


def test_shutdown_writes_every_queued_click(shop: Shop) -> None:
    # An hour between flushes: only the shutdown can write these.
    settings = shop.db.settings.model_copy(update={"click_flush_seconds": 3600.0})
    with TestClient(create_app(settings, shop.db)) as client:
        for n in range(300):
            agent = f"Mozilla/5.0 (visitor {n % 7})"
            response = client.get(
                f"/go/{shop.ids['c3']}", headers={"User-Agent": agent}, follow_redirects=False
            )
            assert response.status_code == 302
        assert _count(shop.db) == 0  # the redirects answered before any click was written
    assert _count(shop.db) == 300
    with shop.db.session() as session:
        counted = session.scalar(
            select(func.count()).select_from(Click).where(Click.counted.is_(True))
        )
    assert counted == 7  # seven visitors, each once within the window


def test_the_background_thread_writes_in_batches(shop: Shop) -> None:
    settings = shop.db.settings.model_copy(update={"click_flush_seconds": 0.05})
    with TestClient(create_app(settings, shop.db)) as client:
        for _ in range(20):
            client.get(f"/go/{shop.ids['c3']}", follow_redirects=False)
        deadline = time.monotonic() + 30
        while _count(shop.db) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _count(shop.db) == 20  # written while the app still serves


def _event(n: int, resource_id: int) -> ClickEvent:
    return ClickEvent(f"click{n}", resource_id, None, "direct", utcnow(), "v" * 32, False)


def test_a_failed_write_keeps_the_clicks_for_the_next_flush(tmp_path: Path) -> None:
    # A database without the clicks table yet: writing fails until it is migrated.
    db = Database(Settings(env="test", data_dir=tmp_path / "fresh"))
    recorder = ClickRecorder(db, flush_seconds=3600)
    recorder.record(_event(1, 1))
    recorder.record(_event(2, 1))
    assert recorder.flush() is False
    recorder.record(_event(3, 1))
    prepare_database(db)
    assert recorder.flush() is True
    with db.session() as session:
        assert sorted(session.scalars(select(Click.click_id))) == ["click1", "click2", "click3"]
        # No such resource in this database: the click is kept without it.
        assert set(session.scalars(select(Click.resource_id))) == {None}
    db.dispose()
