"""New search answers are computed by at most COURSEATLAS_SEARCH_THREADS threads at once;
the other requests wait their turn and are answered all the same."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from courseatlas.app import create_app
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.search import routes
from tests.helpers import course, write_jsonl

ASKED = 6


class InFlight:
    """Counts the answers being computed at once, each held a moment so that they overlap."""

    def __init__(self) -> None:
        self.now = self.most = 0
        self._lock = threading.Lock()

    def around(self, compute: Any) -> Any:
        def counted(*args: Any) -> bytes:
            with self._lock:
                self.now += 1
                self.most = max(self.most, self.now)
            time.sleep(0.2)
            try:
                body: bytes = compute(*args)
                return body
            finally:
                with self._lock:
                    self.now -= 1

        return counted


@pytest.mark.parametrize("threads", [1, 2])
def test_new_searches_wait_for_a_search_thread(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    feed = write_jsonl(tmp_path / "a.jsonl", *(course(n, title=f"Kayak {n}") for n in range(8)))
    run_import(db.sessions, [feed])
    in_flight = InFlight()
    monkeypatch.setattr(routes, "_encoded", in_flight.around(routes._encoded))
    settings = db.settings.model_copy(update={"search_threads": threads})
    with TestClient(create_app(settings, db)) as client:
        client.app.state.search.sync()  # type: ignore[attr-defined]

        def ask(n: int) -> tuple[int, Any]:
            response = client.get("/api/v1/search", params={"q": f"kayak {n}"})
            return response.status_code, response.json()

        with ThreadPoolExecutor(ASKED) as pool:
            answers = list(pool.map(ask, range(ASKED)))
    assert in_flight.most == threads
    for n, (status, page) in enumerate(answers):
        assert status == 200
        assert page["results"][0]["title"] == f"Kayak {n}"
