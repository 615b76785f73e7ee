"""The optional Redis that workers and hosts share, and whether it answers right now.

Everything kept in Redis has a per-process fallback, so a Redis outage degrades the service
instead of failing requests: after an error the client is left alone for ``RETRY_SECONDS``
(no request waits on a dead socket), then tried again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar

import redis
import redis.asyncio
import structlog

log = structlog.get_logger(__name__)

T = TypeVar("T")
RETRY_SECONDS = 2.0
SOCKET_TIMEOUT = 0.5  # seconds; Redis answers in well under a millisecond when it is up
RedisState = Literal["off", "ok", "unreachable"]


class SharedRedis:
    """One Redis client per process (a connection pool inside), or none when not configured.

    Other features (rate limits, answer cache, index notices, sessions) reach Redis only
    through ``call`` or ``client()``, so that an outage is noticed and handled in one place.
    """

    def __init__(self, url: str) -> None:
        self.url = url
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
        """The client, or None when Redis is off or was just found unreachable."""
        if self._client is None or time.monotonic() < self._down_until:
            return None
        return self._client

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
        """The event loop's client, or None when Redis is off or was just found unreachable."""
        return self._async_client if self.client() is not None else None

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

    def state(self) -> RedisState:
        if self._client is None:
            return "off"
        return "ok" if self.call(lambda client: bool(client.ping()), False) else "unreachable"

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    async def aclose(self) -> None:
        if self._async_client is not None:
            await self._async_client.aclose()
