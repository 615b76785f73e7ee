"""A small thread-safe LRU for answers that stay valid until the index changes.

Keys carry the engine's identity and generation, so an entry is never served after a reload
or a reindex: it just stops being asked for and ages out. A cache is bounded by entries and,
when given ``max_bytes``, by the memory its answers take: encoded answers (bytes) by their
length, objects by an estimate from their encoding (JSON for models, pickle otherwise), so a
few large answers cannot grow a worker without limit.

Encoded answers may be kept gzipped (``gzipped``): sent as they are to the clients that take
gzip, they are not compressed again for each, and a cache holds four to five times as many.
"""

from __future__ import annotations

import pickle
import threading
import zlib
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

from pydantic import BaseModel

V = TypeVar("V")
# Python objects take about 7-9 times their JSON in memory (search pages measured with
# tracemalloc on the benchmark catalog); the estimate takes the top of that range.
OBJECT_OVERHEAD = 9
GZIP_LEVEL = 5  # nearly level 9's size at a third of its CPU (responses are gzipped alike)
_GZIP_FORMAT = 16 + zlib.MAX_WBITS  # zlib's window bits for a gzip header and trailer


def gzipped(body: bytes) -> bytes:
    return zlib.compress(body, GZIP_LEVEL, _GZIP_FORMAT)


def gunzipped(body: bytes) -> bytes:
    return zlib.decompress(body, _GZIP_FORMAT)


def memory_size(value: object) -> int:
    """The bytes an answer holds in memory, or a close estimate: what the cache is bounded by."""
    if isinstance(value, bytes):
        return len(value)
    if isinstance(value, str):
        return len(value.encode())
    if isinstance(value, BaseModel):
        return OBJECT_OVERHEAD * len(value.__pydantic_serializer__.to_json(value))
    return OBJECT_OVERHEAD * len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


class LRUCache(Generic[V]):
    def __init__(self, size: int, max_bytes: int | None = None) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: Hashable, value: V) -> None:
        weight = memory_size(value) if self.max_bytes is not None else 0
        if self.max_bytes is not None and weight > self.max_bytes:
            return  # Larger than the whole cache: not kept.
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self.bytes -= previous[1]
            self._entries[key] = (value, weight)
            self.bytes += weight
            while len(self._entries) > self.size or (
                self.max_bytes is not None and self.bytes > self.max_bytes
            ):
                _, (_, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped
