"""Known bots and crawlers, by user agent.

The patterns come from the ``crawler-user-agents`` package (the maintained list of
github.com/monperrus/crawler-user-agents, pinned in pyproject.toml): a new release of the
package is how the list is kept current.
"""

from __future__ import annotations

from functools import lru_cache

from crawleruseragents import is_crawler

# Crawlers name themselves early; a longer agent is cut so the cache stays small.
MAX_AGENT = 512


def is_bot(user_agent: str) -> bool:
    """A crawler by the list, or a client that does not say what it is."""
    return _is_bot(user_agent[:MAX_AGENT])


@lru_cache(maxsize=8192)  # real traffic repeats a few thousand agents; matching one costs ~0.2 ms
def _is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(is_crawler(user_agent))
