"""Prometheus metrics: requests by route and status, latency, and the search index's state.

With several workers (``serve --workers N`` sets ``PROMETHEUS_MULTIPROC_DIR``) counters and
histograms are kept in files every worker writes to, and a scrape, whichever worker answers
it, sums them all (prometheus-client's multiprocess mode). What is read when scraped (the
index, Redis, the connection pool, garbage collection) is the answering worker's: the index
and Redis are the same for every worker of a host; the pool and collections are per worker.
"""

from __future__ import annotations

import os
from collections import Counter as Tally
from collections.abc import Iterator
from ipaddress import ip_address, ip_network

import structlog
from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy.pool import QueuePool
from starlette.types import Scope

from courseatlas.db.database import Database
from courseatlas.errors import NotFound
from courseatlas.http.collection import PauseCollector
from courseatlas.http.deps import AppSettings
from courseatlas.search.runtime import SearchRuntime

log = structlog.get_logger(__name__)
router = APIRouter(tags=["health"])
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
LOOKUPS = ("local_hit", "shared_hit", "miss")


class Metrics:
    """One registry per application, so that several apps in one process never collide."""

    def __init__(self, search: SearchRuntime) -> None:
        self.search = search
        self.registry = CollectorRegistry()  # what this process counts
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
        self.lookups = Counter(
            "courseatlas_answer_cache_lookups",
            "Search answers looked up: local_hit (this process), shared_hit (Redis), miss.",
            ["result"],
            registry=self.registry,
        )
        self._lookups_seen: Tally[str] = Tally()
        live = (_SearchCollector(search), _PoolCollector(search.database), PauseCollector())
        # What a scrape reads: this process's registry, or every worker's files.
        self.exposed = self.registry
        folder = os.environ.get(MULTIPROCESS_DIR)
        if folder:
            self.exposed = CollectorRegistry()
            MultiProcessCollector(self.exposed, folder)  # type: ignore[no-untyped-call]
        for collector in live:
            self.exposed.register(collector)

    def observe(self, scope: Scope, status: int, seconds: float) -> None:
        route = scope.get("route")
        # The route's template keeps the label set small; unmatched paths share one label.
        template = getattr(route, "path", "unmatched")
        self.requests.labels(scope["method"], template, str(status)).inc()
        self.latency.labels(template).observe(seconds)
        self._count_lookups()

    def _count_lookups(self) -> None:
        """Carries the search runtime's cache lookups into the counter that workers share."""
        for result in LOOKUPS:
            new = self.search.cache_lookups[result] - self._lookups_seen[result]
            if new:
                self.lookups.labels(result).inc(new)
                self._lookups_seen[result] += new


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
        if self.search.redis.configured:
            up = 1.0 if self.search.redis.state() == "ok" else 0.0
            yield GaugeMetricFamily(
                "courseatlas_redis_up", "1 when the configured Redis answers, else 0.", value=up
            )


class _PoolCollector(Collector):
    """Database connections of this process: how many are lent out, how many kept."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def collect(self) -> Iterator[GaugeMetricFamily]:
        pool = self.database.engine.pool
        if not isinstance(pool, QueuePool):
            return
        in_use = GaugeMetricFamily(
            "courseatlas_db_pool_connections", "Pooled database connections.", labels=["state"]
        )
        in_use.add_metric(["in_use"], pool.checkedout())
        in_use.add_metric(["idle"], pool.checkedin())
        yield in_use
        yield GaugeMetricFamily(
            "courseatlas_db_pool_size", "Connections the pool keeps open.", value=pool.size()
        )


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request, settings: AppSettings) -> Response:
    """Only for the networks in COURSEATLAS_METRICS_ALLOW; others are told nothing is here."""
    if not _allowed(request.client.host if request.client else "", settings.metrics_allow):
        raise NotFound("nothing is here")
    exposed: CollectorRegistry = request.app.state.metrics.exposed
    return Response(generate_latest(exposed), media_type=CONTENT_TYPE_LATEST)


def _allowed(address: str, networks: str) -> bool:
    try:
        client = ip_address(address)
    except ValueError:
        return False
    allowed = (part.strip() for part in networks.split(",") if part.strip())
    return any(item == "*" or client in ip_network(item, strict=False) for item in allowed)
