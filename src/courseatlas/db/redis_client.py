"""The optional Redis that workers and hosts share, and whether it answers right now.

Everything kept in Redis has a per-process fallback, so a Redis outage degrades the service
instead of failing requests: after an error the client is left alone for ``RETRY_SECONDS``
(no request waits on a dead socket), then tried again.

What describes the catalog (answers, sessions, index notices) is filed under ``key()``, in the
database's namespace (``db.instance``): the client is handed out once that is known.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar

import redis
import redis.asyncio
import structlog
from sqlalchemy.exc import SQLAlchemyError

from courseatlas.db.database import Database
from courseatlas.db.instance import namespace_of

log = structlog.get_logger(__name__)

T = TypeVar("T")
RETRY_SECONDS = 2.0
SOCKET_TIMEOUT = 0.5  # seconds; Redis answers in well under a millisecond when it is up
NAMESPACE_SECONDS = 30.0  # how soon a running process follows a restore's new namespace
RedisState = Literal["off", "ok", "unreachable"]


class SharedRedis:
    """One Redis client per process (a connection pool inside), or none when not configured.

    Other features (rate limits, answer cache, index notices, sessions) reach Redis only
    through ``call`` or ``client()``, so that an outage is noticed and handled in one place.
    """

    def __init__(self, url: str, database: Database) -> None:
        self.url = url
        self.database = database
        self._namespace: str | None = None
        self._namespace_read_at = -NAMESPACE_SECONDS
        self._client = (
            redis.Redis.from_url(
                url, socket_timeout=SOCKET_TIMEOUT, socket_connect_timeout=SOCKET_TIMEOUT
            )
            if url
            else None
        )
        # For what the event loop asks (rate limits): a Redis call there must never block it.
        self._async_client = (
            redis.asyncio.Redis.from_url(
                url, socket_timeout=SOCKET_TIMEOUT, socket_connect_timeout=SOCKET_TIMEOUT
            )
            if url
            else None
        )
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def configured(self) -> bool:
        return self._client is not None

    def client(self) -> redis.Redis | None:
        """The client, or None when Redis is off or was just found unreachable, or the
        database's namespace cannot be read yet (a database outage at start)."""
        if not self._reachable():
            return None
        return self._client if self._namespace is not None or self._read_namespace() else None

    def key(self, *parts: str) -> str:
        """Where something of this catalog is kept; only once ``client()`` gave a client."""
        if self._namespace is None:
            raise RuntimeError("the namespace is read by client() before keys are made")
        return ":".join(("courseatlas", self._namespace, *parts))

    def refresh_namespace(self) -> None:
        """Read the namespace again, should a restore have renewed it; from a background
        thread, every ``NAMESPACE_SECONDS`` at most."""
        if self.configured and time.monotonic() - self._namespace_read_at >= NAMESPACE_SECONDS:
            self._read_namespace()

    def _read_namespace(self) -> bool:
        if time.monotonic() - self._namespace_read_at < RETRY_SECONDS:
            return False  # failed a moment ago: requests do not wait on the database again
        self._namespace_read_at = time.monotonic()
        try:
            namespace = namespace_of(self.database)
        except SQLAlchemyError as error:
            log.warning("redis_namespace_unread", error=type(error).__name__)
            return False
        if self._namespace is not None and namespace != self._namespace:
            log.info("redis_namespace_renewed")  # the database was restored
        self._namespace = namespace
        return True

    def call(self, use: Callable[[redis.Redis], T], fallback: T) -> T:
        """``use(client)``, or ``fallback`` when Redis is off or fails."""
        client = self.client()
        if client is None:
            return fallback
        try:
            return use(client)
        except redis.RedisError as error:
            self.failed(error)
            return fallback

    def async_client(self) -> redis.asyncio.Redis | None:
        """The event loop's client, or None when Redis is off or was just found unreachable.
        For rate limits, which describe clients, not the catalog: no namespace is read (the
        loop never waits on the database)."""
        return self._async_client if self._reachable() else None

    def _reachable(self) -> bool:
        """Configured, and not found unreachable in the last ``RETRY_SECONDS``."""
        return self._client is not None and time.monotonic() >= self._down_until

    def either(self, shared: Callable[[], T], local: Callable[[], T]) -> T:
        """``shared()`` while Redis answers, else this process's ``local()``."""
        if self.client() is not None:
            try:
                return shared()
            except redis.RedisError as error:
                self.failed(error)
        return local()

    async def either_async(self, shared: Callable[[], Awaitable[T]], local: Callable[[], T]) -> T:
        """``either`` for the event loop: ``shared()`` is awaited, never blocking the loop."""
        if self.async_client() is not None:
            try:
                return await shared()
            except redis.RedisError as error:
                self.failed(error)
        return local()

    def failed(self, error: Exception) -> None:
        with self._lock:
            if time.monotonic() >= self._down_until:
                log.warning("redis_unavailable", error=type(error).__name__)
            self._down_until = time.monotonic() + RETRY_SECONDS

    @property
    def connection_pool(self) -> redis.ConnectionPool | None:
        """The pool, for libraries that keep their own keys in Redis (rate limits)."""
        return self._client.connection_pool if self._client is not None else None

    def state(self) -> RedisState:
        if self._client is None:
            return "off"
        if not self._reachable():
            return "unreachable"
        try:
            return "ok" if self._client.ping() else "unreachable"
        except redis.RedisError as error:
            self.failed(error)
            return "unreachable"

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    async def aclose(self) -> None:
        if self._async_client is not None:
            await self._async_client.aclose()
