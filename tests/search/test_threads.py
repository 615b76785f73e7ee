"""New answers of the search API, and search pages, are computed by at most
COURSEATLAS_SEARCH_THREADS threads at once; the other requests wait their turn and are
answered all the same."""

from __future__ import annotations

import re
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
from courseatlas.site.pages import search as search_page
from tests.helpers import course, write_jsonl

ASKED = 6


class InFlight:
    """Counts the answers being computed at once, each held a moment so that they overlap."""

    def __init__(self) -> None:
        self.now = self.most = 0
        self._lock = threading.Lock()

    def around(self, compute: Any) -> Any:
        def counted(*args: Any) -> Any:
            with self._lock:
                self.now += 1
                self.most = max(self.most, self.now)
            time.sleep(0.2)
            try:
                return compute(*args)
            finally:
                with self._lock:
                    self.now -= 1

        return counted


def _api_title(response: Any) -> str:
    title: str = response.json()["results"][0]["title"]
    return title


def _page_title(response: Any) -> str:
    results = response.text.split('<ol class="results">', 1)[1]
    first = re.search(r"Kayak \d+", results)
    return first.group() if first else ""


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize(
    ("path", "module", "compute", "first_title"),
    [
        ("/api/v1/search", routes, "_encoded", _api_title),
        ("/search", search_page, "_page", _page_title),
    ],
)
def test_new_searches_wait_for_a_search_thread(
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    threads: int,
    path: str,
    module: Any,
    compute: str,
    first_title: Any,
) -> None:
    feed = write_jsonl(tmp_path / "a.jsonl", *(course(n, title=f"Kayak {n}") for n in range(8)))
    run_import(db.sessions, [feed])
    in_flight = InFlight()
    monkeypatch.setattr(module, compute, in_flight.around(getattr(module, compute)))
    settings = db.settings.model_copy(update={"search_threads": threads})
    with TestClient(create_app(settings, db)) as client:
        client.app.state.search.sync()  # type: ignore[attr-defined]

        def ask(n: int) -> tuple[int, str]:
            response = client.get(path, params={"q": f"kayak {n}"})
            return response.status_code, first_title(response)

        with ThreadPoolExecutor(ASKED) as pool:
            answers = list(pool.map(ask, range(ASKED)))
    assert in_flight.most == threads
    assert answers == [(200, f"Kayak {n}") for n in range(ASKED)]
