"""The garbage collector of a web worker: tuned after start-up (``courseatlas.collector``),
its pauses timed for /metrics."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from courseatlas.collector import tune_collector


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
        tune_collector()
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
