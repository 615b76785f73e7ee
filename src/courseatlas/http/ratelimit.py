"""Per-client rate limits (the ``limits`` library): a budget for the API, one for pages, a
stricter one on top for expensive endpoints, and their own for verified crawlers.

Counters live in Redis when it is configured, so every worker and host counts together; in
memory otherwise, and while Redis is down (each process then counts on its own). Redis is
asked with the asynchronous client: every request passes here, on the event loop.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

import structlog
from anyio import to_thread
from fastapi import Request
from limits import RateLimitItem, parse_many
from limits.aio.storage import RedisStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter as SharedLimiter
from limits.storage import MemoryStorage
from limits.strategies import SlidingWindowCounterRateLimiter

from courseatlas.db.redis_client import SharedRedis
from courseatlas.errors import TooManyRequests
from courseatlas.http.crawlers import CrawlerVerifier, claimed_engine
from courseatlas.settings import Settings

log = structlog.get_logger(__name__)

EXEMPT = ("/healthz", "/readyz", "/metrics", "/static/")
EXPENSIVE = re.compile(r"^/(api/v1/match|api/v1/resources/[^/]+/similar|match$|sitemap)")
KEY_PREFIX = "courseatlas:limits"


def parse_budget(text: str) -> tuple[RateLimitItem, ...]:
    """``600/minute`` (or several, ``10/second; 600/minute``); ``0`` or empty: no limit."""
    text = text.strip()
    return () if text in {"", "0"} else tuple(parse_many(text))


@dataclass(frozen=True)
class Budgets:
    api: tuple[RateLimitItem, ...]
    pages: tuple[RateLimitItem, ...]
    expensive: tuple[RateLimitItem, ...]
    crawlers: tuple[RateLimitItem, ...]

    @classmethod
    def of(cls, settings: Settings) -> Budgets:
        return cls(
            api=parse_budget(settings.rate_limit_api),
            pages=parse_budget(settings.rate_limit_pages),
            expensive=parse_budget(settings.rate_limit_expensive),
            crawlers=parse_budget(settings.rate_limit_crawlers),
        )


class RateLimits:
    def __init__(
        self, settings: Settings, shared: SharedRedis, crawlers: CrawlerVerifier | None = None
    ) -> None:
        self.budgets = Budgets.of(settings)
        self.shared = shared
        self.crawlers = crawlers or CrawlerVerifier()
        self._local = SlidingWindowCounterRateLimiter(MemoryStorage())
        client = shared.async_client()
        self._redis = (
            SharedLimiter(
                RedisStorage(
                    _async_uri(shared.url),
                    implementation="redispy",
                    connection_pool=client.connection_pool,  # type: ignore[arg-type]
                    key_prefix=KEY_PREFIX,
                )
            )
            if client is not None
            else None
        )

    async def check(self, request: Request) -> None:
        """Counts the request against its client's budgets; raises 429 past one of them."""
        path = request.url.path
        if path.startswith(EXEMPT):
            return
        address = request.client.host if request.client else "unknown"
        budgets = await self._budgets_for(request, address, path)
        for name, items in budgets:
            for item in items:
                if not await self._hit(item, name, address):
                    retry = await self._retry_after(item, name, address)
                    log.info("rate_limited", budget=name, limit=str(item), retry_after=retry)
                    raise TooManyRequests(
                        f"Too many requests: at most {item} for {name}. "
                        f"Try again in {retry} s, or use the catalog export at /exports/.",
                        retry_after=retry,
                    )

    async def _budgets_for(
        self, request: Request, address: str, path: str
    ) -> list[tuple[str, tuple[RateLimitItem, ...]]]:
        engine = claimed_engine(request.headers.get("user-agent", ""))
        if engine is not None and await self._verified(engine, address):
            return [(f"crawler {engine}", self.budgets.crawlers)]
        general = (
            ("api", self.budgets.api) if path.startswith("/api/") else ("pages", self.budgets.pages)
        )
        if EXPENSIVE.match(path):
            return [general, ("expensive endpoints", self.budgets.expensive)]
        return [general]

    async def _verified(self, engine: str, address: str) -> bool:
        verdict = self.crawlers.cached(engine, address)
        if verdict is None:  # DNS is slow and blocking: once per address, in a thread
            verdict = await to_thread.run_sync(self.crawlers.verify, engine, address)
        return verdict

    async def _hit(self, item: RateLimitItem, name: str, address: str) -> bool:
        redis = self._redis
        if redis is None:
            return self._local.hit(item, name, address)
        return await self.shared.either_async(
            lambda: redis.hit(item, name, address), lambda: self._local.hit(item, name, address)
        )

    async def _retry_after(self, item: RateLimitItem, name: str, address: str) -> int:
        def local() -> float:
            return self._local.get_window_stats(item, name, address).reset_time

        async def shared() -> float:
            assert self._redis is not None
            return (await self._redis.get_window_stats(item, name, address)).reset_time

        reset = await self.shared.either_async(shared, local) if self._redis else local()
        # The local window was never hit when Redis failed only now: a whole window then.
        reset = reset if reset > time.time() else time.time() + item.get_expiry()
        return max(1, math.ceil(reset - time.time()))


def _async_uri(url: str) -> str:
    """The scheme the ``limits`` library gives its asynchronous Redis storage."""
    return (
        "async+redis+unix://" + url.removeprefix("unix://")
        if url.startswith("unix://")
        else f"async+{url}"
    )


async def enforce_rate_limits(request: Request) -> None:
    """The dependency every route carries."""
    limits: RateLimits = request.app.state.rate_limits
    await limits.check(request)
