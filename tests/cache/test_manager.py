"""CacheManager: one store per driver, built on first use with the clock of that moment."""

from __future__ import annotations

import pytest

from orionis.cache import CacheError, CacheManager, FrozenClock, MemoryStore
from orionis.cache.redis_store import RedisStore


def test_the_default_store_follows_the_driver_setting(clock: FrozenClock) -> None:
    manager = CacheManager({"driver": "memory"}, lambda: clock)
    assert manager.default_driver == "memory"
    assert isinstance(manager.store().store, MemoryStore)
    assert manager.store() is manager.store() is manager.store("memory")


def test_a_named_store_is_built_apart_from_the_default(clock: FrozenClock) -> None:
    settings = {"driver": "redis", "redis_url": "redis://127.0.0.1:6379/15", "prefix": "p:"}
    manager = CacheManager(settings, lambda: clock)
    redis_store = manager.store().store
    assert isinstance(redis_store, RedisStore)
    assert (redis_store.url, redis_store.prefix) == ("redis://127.0.0.1:6379/15", "p:")
    assert isinstance(manager.store("memory").store, MemoryStore)


def test_the_clock_is_asked_for_when_a_store_is_built(clock: FrozenClock) -> None:
    asked: list[int] = []

    def current_clock() -> FrozenClock:
        asked.append(1)
        return clock

    manager = CacheManager({"driver": "memory"}, current_clock)
    assert asked == []
    assert manager.store().clock is clock
    assert asked == [1]


def test_an_unknown_store_suggests_the_close_name(clock: FrozenClock) -> None:
    manager = CacheManager({"driver": "memory"}, lambda: clock)
    with pytest.raises(CacheError, match=r"Unknown cache store 'rediss'. Did you mean 'redis'"):
        manager.store("rediss")


async def test_close_closes_the_built_stores(redis_url: str, prefix: str) -> None:
    manager = CacheManager(
        {"driver": "redis", "redis_url": redis_url, "prefix": prefix}, FrozenClock
    )
    cache = manager.store()
    await cache.put("k", 1)
    store = cache.store
    assert isinstance(store, RedisStore)
    connected = store._client is not None
    await cache.flush()
    await manager.close()
    assert connected and store._client is None
    assert manager.store() is not cache
