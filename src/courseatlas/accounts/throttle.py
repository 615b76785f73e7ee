"""Throttling of sign-in, sign-up and reset attempts, with the ``limits`` library.

Failed sign-ins count per account (10 in 15 minutes) and per client (30 in 15 minutes);
sign-ups and reset requests count every attempt the same way. The account key is the
normalised email whether or not an account has it, so throttling reveals nothing.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, Storage
from limits.strategies import MovingWindowRateLimiter

from courseatlas.errors import TooManyRequests
from courseatlas.settings import Settings

PER_ACCOUNT = parse("10/15 minutes")
PER_CLIENT = parse("30/15 minutes")


def storage_for(settings: Settings) -> Storage:
    """Where the counters live: in this process for now; shared storage (Redis) plugs in here."""
    return MemoryStorage()


@dataclass(frozen=True)
class Check:
    limit: RateLimitItem
    key: str


class Throttle:
    def __init__(self, storage: Storage) -> None:
        self.limiter = MovingWindowRateLimiter(storage)

    def checks(self, action: str, email: str, client: str) -> list[Check]:
        account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
        return [
            Check(PER_ACCOUNT, f"{action}:account:{account}"),
            Check(PER_CLIENT, f"{action}:client:{client}"),
        ]

    def refuse_if_exhausted(self, checks: list[Check]) -> None:
        """Raises TooManyRequests, with the seconds until the oldest attempt expires."""
        waits = [
            self._wait(check) for check in checks if not self.limiter.test(check.limit, check.key)
        ]
        if waits:
            seconds = max(1, math.ceil(max(waits)))
            minutes = math.ceil(seconds / 60)
            raise TooManyRequests(f"Too many attempts. Try again in {minutes} minutes.", seconds)

    def record(self, checks: list[Check]) -> None:
        for check in checks:
            self.limiter.hit(check.limit, check.key)

    def _wait(self, check: Check) -> float:
        stats = self.limiter.get_window_stats(check.limit, check.key)
        return stats.reset_time - time.time()
