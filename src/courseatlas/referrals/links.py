"""Live links: fetch stored URLs with bounded concurrency and a per-host pace, follow
redirects, and tell what answered. Pure HTTP: ``linkstates`` decides what it means."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import httpx2

from courseatlas import __version__
from courseatlas.db.base import utcnow

MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Outcome:
    resource_id: int
    url: str
    checked_at: datetime
    status: int | None = None  # the final answer's status after redirects
    final_url: str | None = None
    error: str | None = None  # no answer: timeout, reset, refused, too many redirects

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and self.status < 400


@dataclass(frozen=True)
class CheckOptions:
    concurrency: int = 8
    timeout: float = 10.0
    host_interval: float = 1.0  # seconds between two requests to one host
    public_url: str = ""

    @property
    def user_agent(self) -> str:
        contact = f"; +{self.public_url}" if self.public_url else ""
        return f"courseatlas-linkcheck/{__version__} (link checker of a course catalog{contact})"


class HostPace:
    """Requests to one host start at least ``interval`` seconds apart."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}

    async def wait(self, host: str) -> None:
        loop = asyncio.get_running_loop()
        async with self._locks.setdefault(host, asyncio.Lock()):
            delay = self._last.get(host, -self.interval) + self.interval - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            self._last[host] = loop.time()


async def check(targets: Sequence[tuple[int, str]], options: CheckOptions) -> list[Outcome]:
    """Check every (resource id, url) once; the outcomes in the order of ``targets``."""
    slots = asyncio.Semaphore(options.concurrency)
    pace = HostPace(options.host_interval)
    async with httpx2.AsyncClient(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=options.timeout,
        headers={"User-Agent": options.user_agent},
    ) as client:

        async def one(resource_id: int, url: str) -> Outcome:
            # The pace first: a host's queue must not hold the slots other hosts could use.
            await pace.wait((urlsplit(url).hostname or "").lower())
            async with slots:
                return await _fetch(client, resource_id, url)

        return list(await asyncio.gather(*(one(rid, url) for rid, url in targets)))


async def _fetch(client: httpx2.AsyncClient, resource_id: int, url: str) -> Outcome:
    try:
        # GET, not HEAD (many sites answer HEAD wrongly); the body is never read.
        async with client.stream("GET", url) as response:
            return Outcome(resource_id, url, utcnow(), response.status_code, str(response.url))
    except httpx2.TimeoutException:
        return Outcome(resource_id, url, utcnow(), error="timeout")
    except httpx2.TooManyRedirects:
        return Outcome(resource_id, url, utcnow(), error="too many redirects")
    except (httpx2.HTTPError, httpx2.InvalidURL, ValueError) as error:
        return Outcome(resource_id, url, utcnow(), error=_reason(error))


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return f"{type(error).__name__}: {text}"[:300]
