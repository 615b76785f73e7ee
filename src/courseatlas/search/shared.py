"""What the search runtimes of every worker and host share through Redis, when it is there:
encoded answers, and the notice that an index moved.

An answer is keyed by the change-log position the index reflects (not by one process's
generation), so any replica at the same position may reuse it. Every call degrades to
nothing when Redis is off or down: the per-process cache and polling still work.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable

import redis
import structlog

from courseatlas.db.redis_client import RETRY_SECONDS, SharedRedis
from courseatlas.search.fields import SCHEMA_VERSION

log = structlog.get_logger(__name__)

ANSWER_SECONDS = 600  # a shared answer expires even if the index never moves again
CHANNEL = "index-moved"  # in the catalog's namespace: other catalogs' indexes are not ours


class SharedAnswers:
    """Encoded answers by the index position they came from and what they answer."""

    def __init__(self, shared: SharedRedis) -> None:
        self.shared = shared

    def get(self, position: str, key: Hashable) -> bytes | None:
        value = self.shared.call(lambda client: client.get(self._key(position, key)), None)
        return value if isinstance(value, bytes) else None

    def put(self, position: str, key: Hashable, body: bytes) -> None:
        self.shared.call(
            lambda client: client.set(self._key(position, key), body, ex=ANSWER_SECONDS), None
        )

    def _key(self, position: str, key: Hashable) -> str:
        digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
        return self.shared.key("answer", str(SCHEMA_VERSION), position, digest)


class IndexNotices:
    """Publishes that an index moved; calls ``on_notice`` whenever any process says so."""

    def __init__(self, shared: SharedRedis, on_notice: Callable[[], None]) -> None:
        self.shared = shared
        self.on_notice = on_notice
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def publish(self, position: str) -> None:
        self.shared.call(lambda client: client.publish(self.shared.key(CHANNEL), position), 0)

    def start(self) -> None:
        if not self.shared.configured or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._listen, name="index-notices", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _listen(self) -> None:
        while not self._stop.is_set():
            client = self.shared.client()
            if client is None:  # off, or down a moment ago: polling covers the gap
                self._stop.wait(RETRY_SECONDS)
                continue
            try:
                self._follow(client)
            except redis.RedisError as error:
                self.shared.failed(error)

    def _follow(self, client: redis.Redis) -> None:
        with client.pubsub(ignore_subscribe_messages=True) as subscription:  # type: ignore[no-untyped-call]
            subscription.subscribe(self.shared.key(CHANNEL))
            # A notice may have been missed while unsubscribed: look now.
            self.on_notice()
            while not self._stop.is_set():
                if subscription.get_message(timeout=0.4) is not None:
                    self.on_notice()
