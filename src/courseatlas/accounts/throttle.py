"""Throttling of sign-in, sign-up and reset attempts, with the ``limits`` library.

Failed sign-ins count per account (10 in 15 minutes) and per client (30 in 15 minutes);
sign-ups and reset requests count every attempt the same way. The account key is the
normalised email whether or not an account has it, so throttling reveals nothing.

The counters live in Redis when it is configured, so an attacker spreading attempts over
workers and hosts meets one budget; in this process otherwise, and while Redis is down.
The routes that throttle run in worker threads, so the blocking client is the right one.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from limits import RateLimitItem, WindowStats, parse
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import MovingWindowRateLimiter

from courseatlas.db.redis_client import SharedRedis
from courseatlas.errors import TooManyRequests

PER_ACCOUNT = parse("10/15 minutes")
PER_CLIENT = parse("30/15 minutes")
KEY_PREFIX = "courseatlas:throttle"
T = TypeVar("T")


@dataclass(frozen=True)
class Check:
    limit: RateLimitItem
    key: str


class Throttle:
    def __init__(self, shared: SharedRedis) -> None:
        self.shared = shared
        self._local = MovingWindowRateLimiter(MemoryStorage())
        pool = shared.connection_pool
        self._redis = (
            MovingWindowRateLimiter(
                RedisStorage(shared.url, connection_pool=pool, key_prefix=KEY_PREFIX)
            )
            if pool is not None
            else None
        )

    def checks(self, action: str, email: str, client: str) -> list[Check]:
        account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
        return [
            Check(PER_ACCOUNT, f"{action}:account:{account}"),
            Check(PER_CLIENT, f"{action}:client:{client}"),
        ]

    def refuse_if_exhausted(self, checks: list[Check]) -> None:
        """Raises TooManyRequests, with the seconds until the oldest attempt expires."""
        waits = [self._wait(check) for check in checks if not self._test(check)]
        if waits:
            seconds = max(1, math.ceil(max(waits)))
            minutes = math.ceil(seconds / 60)
            raise TooManyRequests(f"Too many attempts. Try again in {minutes} minutes.", seconds)

    def record(self, checks: list[Check]) -> None:
        for check in checks:
            self._hit(check)

    def _hit(self, check: Check) -> bool:
        return self._either(lambda limiter: limiter.hit(check.limit, check.key))

    def _test(self, check: Check) -> bool:
        return self._either(lambda limiter: limiter.test(check.limit, check.key))

    def _wait(self, check: Check) -> float:
        stats: WindowStats = self._either(
            lambda limiter: limiter.get_window_stats(check.limit, check.key)
        )
        return stats.reset_time - time.time()

    def _either(self, use: Callable[[MovingWindowRateLimiter], T]) -> T:
        """``use`` on the shared counters while Redis answers, else on this process's."""
        shared = self._redis
        if shared is None:
            return use(self._local)
        return self.shared.either(lambda: use(shared), lambda: use(self._local))
