"""A private Redis for the tests of this folder, started once and emptied before each test."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.production.servers import PrivateRedis, private_redis


@pytest.fixture(scope="session")
def private_redis_server() -> Iterator[PrivateRedis]:
    with private_redis(Path(tempfile.mkdtemp(prefix="courseatlas-redis-"))) as server:
        yield server


@pytest.fixture
def redis_server(private_redis_server: PrivateRedis) -> PrivateRedis:
    """The private Redis, running and empty: no counters, answers or sessions of a test before."""
    if private_redis_server.process is None:  # a test that stopped it failed before restarting
        private_redis_server.start()
    client = redis.Redis(port=private_redis_server.port)
    client.flushall()
    client.close()
    return private_redis_server
