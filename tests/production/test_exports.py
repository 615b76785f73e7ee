"""``courseatlas export``: the catalog as JSON Lines (gzip), published at /exports/."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from fastapi.testclient import TestClient

from courseatlas.db.database import Database
from courseatlas.exports.service import write_export
from courseatlas.ingest.service import run_import
from tests.helpers import course, write_jsonl


def test_an_export_holds_every_resource_as_the_api_answers_it(
    db: Database, client: TestClient, tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "a.jsonl", *(course(n, title=f"Ocarina {n}") for n in range(12)))
    run_import(db.sessions, [feed])
    assert client.get("/exports/").json()["exports"] == []
    path, count = write_export(db)
    assert count == 12

    listing = client.get("/exports/").json()["exports"]
    assert [e["name"] for e in listing] == [path.name]
    download = client.get(listing[0]["url"])
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/gzip"
    records = [json.loads(line) for line in gzip.decompress(download.content).splitlines()]
    assert sorted(r["title"] for r in records) == sorted(f"Ocarina {n}" for n in range(12))
    first = records[0]
    assert client.get(f"/api/v1/resources/{first['id']}").json() == first


def test_export_names_cannot_reach_other_files(client: TestClient) -> None:
    for name in ("..%2Fcourseatlas.db", "courseatlas.db", "catalog-1.jsonl.gz"):
        response = client.get(f"/exports/{name}")
        assert response.status_code in {404, 422}
        assert response.headers["content-type"].startswith("application/problem+json")
