"""/metrics: only allowed networks read it; it shows latency per route, the index, the answer
cache and the connection pool."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_metrics_are_only_for_allowed_networks(demo_api: TestClient) -> None:
    outsider = TestClient(demo_api.app, client=("203.0.113.5", 5000))
    hidden = outsider.get("/metrics")
    assert hidden.status_code == 404 and "courseatlas_" not in hidden.text
    # A forged X-Forwarded-For from an untrusted peer changes nothing.
    forged = outsider.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"})
    assert forged.status_code == 404


def test_metrics_report_latency_cache_and_pool(demo_api: TestClient) -> None:
    demo_api.get("/api/v1/search?q=metrics+probe+one")
    demo_api.get("/api/v1/search?q=metrics+probe+one")
    body = TestClient(demo_api.app, client=("127.0.0.1", 5000)).get("/metrics").text
    assert (
        'courseatlas_http_request_duration_seconds_bucket{le="0.005",route="/api/v1/search"}'
        in body
    )
    assert 'courseatlas_answer_cache_lookups_total{result="local_hit"}' in body
    assert "courseatlas_search_lag 0.0" in body
    if demo_api.app.state.database.settings.is_sqlite:  # type: ignore[attr-defined]
        return
    assert 'courseatlas_db_pool_connections{state="in_use"}' in body
