"""Fixtures of the cache tests: a frozen clock, and each store driver on it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from orionis.cache import CacheRepository, FrozenClock, MemoryStore, Store
from orionis.cache.redis_store import RedisStore
from tests.support.redis_server import prefix, redis_url

__all__ = ["prefix", "redis_url"]

START = 1_700_000_000.0


@pytest.fixture
def clock() -> FrozenClock:
    """Time that moves only when the test says so."""
    return FrozenClock(START)


@pytest.fixture(params=["memory", "redis"])
def driver(request: pytest.FixtureRequest) -> tuple[str, str]:
    """``("memory", "")``, then ``(redis_url, prefix)``: Redis is asked for only when used."""
    if request.param == "memory":
        return "memory", ""
    return request.getfixturevalue("redis_url"), request.getfixturevalue("prefix")


@pytest.fixture
async def store(driver: tuple[str, str], clock: FrozenClock) -> AsyncIterator[Store]:
    """Each driver in turn, on the frozen clock; the Redis one under this test's prefix."""
    url, key_prefix = driver
    if url == "memory":
        yield MemoryStore(clock)
        return
    redis_store = RedisStore(url, key_prefix, clock)
    try:
        yield redis_store
    finally:
        await redis_store.flush()
        await redis_store.close()


@pytest.fixture
def cache(store: Store) -> CacheRepository:
    """The repository over each driver."""
    return CacheRepository(store)
