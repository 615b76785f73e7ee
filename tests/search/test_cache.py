"""The answer cache is bounded in bytes as well as entries."""

from __future__ import annotations

from courseatlas.cache import OBJECT_OVERHEAD, LRUCache, memory_size
from courseatlas.db.database import Database
from courseatlas.search.runtime import SearchRuntime
from courseatlas.search.schemas import SuggestPage


def test_entries_leave_oldest_first_once_the_bytes_are_spent() -> None:
    cache: LRUCache[bytes] = LRUCache(1000, max_bytes=100)
    for n in range(5):
        cache.put(n, bytes(30))
    assert (len(cache), cache.bytes) == (3, 90)
    assert cache.get(0) is None and cache.get(4) == bytes(30)
    cache.put(3, bytes(10))  # replacing an entry gives its bytes back
    assert cache.bytes == 70


def test_an_answer_larger_than_the_cache_is_not_kept() -> None:
    cache: LRUCache[bytes] = LRUCache(1000, max_bytes=100)
    cache.put("small", b"x")
    cache.put("huge", bytes(101))
    assert cache.get("huge") is None and cache.get("small") == b"x"


def test_objects_are_weighed_from_their_encoding() -> None:
    page = SuggestPage(query="py", suggestions=[])
    assert memory_size(page) == OBJECT_OVERHEAD * len(page.model_dump_json())
    assert memory_size(b"abc") == 3 and memory_size({"a": [1, 2, 3]}) > 0


def test_a_process_answer_cache_is_bounded_by_the_setting(db: Database) -> None:
    runtime = SearchRuntime(db)
    assert runtime.answers.max_bytes == db.settings.answer_cache_mb * 2**20
    off = SearchRuntime(Database(db.settings.model_copy(update={"answer_cache_mb": 0})))
    off.answers.put("k", b"v")
    assert off.answers.get("k") is None
    runtime.stop()
    off.stop()
    off.database.dispose()
