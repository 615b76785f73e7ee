"""Search-engine crawlers, verified as the engines ask: forward-confirmed reverse DNS.

A request whose User-Agent names a major crawler is believed only when the client address
resolves to a host name of that engine's domains and that name resolves back to the same
address. Anyone can write "Googlebot" in a header; nobody else controls google.com's DNS.
"""

from __future__ import annotations

import re
import socket
import time
from typing import Protocol

from courseatlas.cache import LRUCache

# User-Agent token -> the domains its verified host names end with.
ENGINES: dict[str, tuple[str, ...]] = {
    "googlebot": (".googlebot.com", ".google.com", ".googleusercontent.com"),
    "bingbot": (".search.msn.com",),
    "duckduckbot": (".duckduckgo.com",),
    "applebot": (".applebot.apple.com",),
    "yandexbot": (".yandex.ru", ".yandex.net", ".yandex.com"),
    "baiduspider": (".baidu.com", ".baidu.jp"),
}
AGENT = re.compile("|".join(ENGINES), re.IGNORECASE)
VERDICT_SECONDS = 3600.0  # a verdict is kept this long per address


class Resolver(Protocol):
    def reverse(self, address: str) -> str | None: ...

    def forward(self, name: str) -> set[str]: ...


class SystemResolver:
    """The operating system's resolver (blocking: call it off the event loop)."""

    def reverse(self, address: str) -> str | None:
        try:
            return socket.gethostbyaddr(address)[0]
        except OSError:
            return None

    def forward(self, name: str) -> set[str]:
        try:
            return {str(info[4][0]) for info in socket.getaddrinfo(name, None)}
        except OSError:
            return set()


def claimed_engine(user_agent: str) -> str | None:
    """The engine a User-Agent claims to crawl for, if any."""
    found = AGENT.search(user_agent)
    return found.group(0).lower() if found else None


class CrawlerVerifier:
    def __init__(self, resolver: Resolver | None = None) -> None:
        self.resolver: Resolver = resolver or SystemResolver()
        self._verdicts: LRUCache[tuple[bool, float]] = LRUCache(10_000)

    def cached(self, engine: str, address: str) -> bool | None:
        """The verdict on this address if one is fresh, else None (verify() decides)."""
        verdict = self._verdicts.get((engine, address))
        if verdict is None or time.monotonic() - verdict[1] > VERDICT_SECONDS:
            return None
        return verdict[0]

    def verify(self, engine: str, address: str) -> bool:
        name = self.resolver.reverse(address)
        genuine = (
            name is not None
            and name.lower().rstrip(".").endswith(ENGINES[engine])
            and address in self.resolver.forward(name)
        )
        self._verdicts.put((engine, address), (genuine, time.monotonic()))
        return genuine
