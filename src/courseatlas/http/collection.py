"""The garbage collector of a worker: start-up objects frozen, collections rarer, pauses timed.

A worker's long-lived objects (modules, the app, the ORM's mappings, vocabularies) are made
once at start-up; a full collection would scan them all again and again for nothing. After
start-up they are frozen out of the collector's sight, and the youngest generation is
collected after more allocations than CPython's 700: a request allocates thousands of
short-lived objects, and most of them die before any collection sees them.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

# (youngest, middle, oldest): CPython's are (700, 10, 10).
THRESHOLDS = (20_000, 20, 20)


class Pauses:
    """Collections and the time they took, by generation, for the whole process."""

    def __init__(self) -> None:
        self.count = [0, 0, 0]
        self.seconds = [0.0, 0.0, 0.0]
        self.longest = [0.0, 0.0, 0.0]
        self._started = 0.0
        self._lock = threading.Lock()

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        took, generation = time.perf_counter() - self._started, info["generation"]
        with self._lock:
            self.count[generation] += 1
            self.seconds[generation] += took
            self.longest[generation] = max(self.longest[generation], took)


PAUSES = Pauses()


def after_start_up(tune: bool) -> None:
    """Time every collection from now on; with ``tune``, freeze what start-up made and
    collect the young generation less often."""
    if tune:
        gc.collect()
        gc.freeze()
        gc.set_threshold(*THRESHOLDS)
    if PAUSES not in gc.callbacks:  # After the collection above: serving is what is timed.
        gc.callbacks.append(PAUSES)


class PauseCollector(Collector):
    """The collector's pauses for /metrics."""

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        collections = CounterMetricFamily(
            "courseatlas_gc_collections", "Garbage collections.", labels=["generation"]
        )
        seconds = CounterMetricFamily(
            "courseatlas_gc_pause_seconds", "Time spent collecting.", labels=["generation"]
        )
        longest = GaugeMetricFamily(
            "courseatlas_gc_longest_pause_seconds",
            "The longest collection so far.",
            labels=["generation"],
        )
        for generation in range(3):
            collections.add_metric([str(generation)], PAUSES.count[generation])
            seconds.add_metric([str(generation)], PAUSES.seconds[generation])
            longest.add_metric([str(generation)], PAUSES.longest[generation])
        yield from (collections, seconds, longest)
