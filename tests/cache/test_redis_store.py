"""The redis driver: shared between workers, one hash per key under the prefix, expiry by
the application's clock with Redis's own expiry as garbage collection."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from orionis.cache import CacheRepository, FrozenClock
from orionis.cache.redis_store import RedisStore


@pytest.fixture
async def raw(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


@pytest.fixture
async def workers(
    redis_url: str, prefix: str, clock: FrozenClock
) -> AsyncIterator[tuple[RedisStore, RedisStore]]:
    """Two stores on one Redis: two worker processes of one application."""
    one, two = RedisStore(redis_url, prefix, clock), RedisStore(redis_url, prefix, clock)
    yield one, two
    await one.flush()
    await one.close()
    await two.close()


async def test_workers_share_values_and_counters(workers: tuple[RedisStore, RedisStore]) -> None:
    one, two = CacheRepository(workers[0]), CacheRepository(workers[1])
    await one.put("greeting", {"text": "hi"}, 60)
    assert await two.get("greeting") == {"text": "hi"}
    assert await one.increment("hits", ttl=60) == 1
    assert await two.increment("hits", ttl=60) == 2
    assert await two.add("lock", 1, 60) is True
    assert await one.add("lock", 1, 60) is False


async def test_values_live_under_the_prefix_with_a_redis_expiry(
    workers: tuple[RedisStore, RedisStore], raw: Redis, prefix: str
) -> None:
    cache = CacheRepository(workers[0])
    await cache.put("k", [1, 2], 60)
    await cache.forever("forever", "x")
    assert await raw.hget(f"{prefix}k", "v") == b"[1,2]"
    assert 59_000 < await raw.pttl(f"{prefix}k") <= 60_000
    assert await raw.pttl(f"{prefix}forever") == -1  # no expiry


async def test_flush_removes_only_this_prefix(
    workers: tuple[RedisStore, RedisStore], raw: Redis, prefix: str
) -> None:
    other = f"other_{prefix}"
    await raw.set(other, b"kept")
    try:
        cache = CacheRepository(workers[0])
        for number in range(600):  # more than one SCAN batch
            await cache.put(f"k{number}", number)
        await cache.flush()
        assert [key async for key in raw.scan_iter(match=f"{prefix}*")] == []
        assert await raw.get(other) == b"kept"
    finally:
        await raw.delete(other)


async def test_a_prefix_with_glob_characters_is_flushed_exactly(
    redis_url: str, prefix: str, raw: Redis, clock: FrozenClock
) -> None:
    starred = RedisStore(redis_url, f"{prefix}*:", clock)
    sibling = f"{prefix}x:k"
    await raw.set(sibling, b"kept")
    try:
        await CacheRepository(starred).put("k", 1)
        await starred.flush()
        assert await raw.exists(f"{prefix}*:k") == 0
        assert await raw.get(sibling) == b"kept"
    finally:
        await raw.delete(sibling)
        await starred.close()


async def test_close_then_use_reconnects(workers: tuple[RedisStore, RedisStore]) -> None:
    store = workers[0]
    cache = CacheRepository(store)
    await cache.increment("n")
    await store.close()
    assert await cache.increment("n") == 2
