"""Prometheus metrics: requests by route and status, latency, and the search index's state."""

from __future__ import annotations

from collections.abc import Iterator

import structlog
from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector
from starlette.types import Scope

from courseatlas.search.runtime import SearchRuntime

log = structlog.get_logger(__name__)
router = APIRouter(tags=["health"])


class Metrics:
    """One registry per application, so that several apps in one process never collide."""

    def __init__(self, search: SearchRuntime) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "courseatlas_http_requests",
            "HTTP requests answered.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "courseatlas_http_request_duration_seconds",
            "Time to answer, by route.",
            ["route"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
            registry=self.registry,
        )
        self.registry.register(_SearchCollector(search))

    def observe(self, scope: Scope, status: int, seconds: float) -> None:
        route = scope.get("route")
        # The route's template keeps the label set small; unmatched paths share one label.
        template = getattr(route, "path", "unmatched")
        self.requests.labels(scope["method"], template, str(status)).inc()
        self.latency.labels(template).observe(seconds)


class _SearchCollector(Collector):
    def __init__(self, search: SearchRuntime) -> None:
        self.search = search

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            documents, lag = self.search.document_count(), self.search.lag()
        except Exception:  # A scrape must answer even when the index or database does not.
            log.exception("metrics_search_unavailable")
            return
        yield GaugeMetricFamily(
            "courseatlas_search_documents", "Documents in the search index.", value=documents
        )
        yield GaugeMetricFamily(
            "courseatlas_search_lag", "Committed catalog changes not in the index yet.", value=lag
        )


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    registry: CollectorRegistry = request.app.state.metrics.registry
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
