"""The garbage collector of a long-running process: start-up objects frozen, collections rarer.

A process's long-lived objects (modules, the ORM's mappings, vocabularies) are made once at
start-up; a full collection would scan them all again and again for nothing. After start-up
they are frozen out of the collector's sight, and the youngest generation is collected after
more allocations than CPython's 700: a request, or a batch of imported rows, allocates
thousands of short-lived objects, and most of them die before any collection sees them.
Measured on a rebuild of a 150,000-resource index: 15.1 s with CPython's collector, 12.9 s
tuned, 12.6 s with no collection at all.
"""

from __future__ import annotations

import gc

# (youngest, middle, oldest): CPython's are (700, 10, 10).
THRESHOLDS = (20_000, 20, 20)


def tune_collector() -> None:
    """Freeze what exists now out of the collector's sight and collect less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
