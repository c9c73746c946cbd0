"""The memory driver: per process, and bounded by sweeping expired entries."""

from __future__ import annotations

from orionis.cache import CacheRepository, FrozenClock, MemoryStore


async def test_expired_entries_nobody_reads_are_swept(clock: FrozenClock) -> None:
    store = MemoryStore(clock)
    cache = CacheRepository(store)
    for number in range(1000):
        await cache.increment(f"client:{number}", ttl=60)
    clock.advance(60)
    for number in range(1000, 1100):
        await cache.increment(f"client:{number}", ttl=60)
    # The 1000 dead counters went with the sweep the 1024th entry started; the live ones stay.
    assert len(store) == 100
    assert await cache.get("client:1099") == 1


async def test_entries_that_never_expire_are_kept_by_the_sweep(clock: FrozenClock) -> None:
    store = MemoryStore(clock)
    cache = CacheRepository(store)
    for number in range(1100):
        await cache.forever(f"k{number}", number)
    clock.advance(10**9)
    assert len(store) == 1100
    assert await cache.get("k0") == 0


async def test_two_stores_do_not_share_values(clock: FrozenClock) -> None:
    one, two = CacheRepository(MemoryStore(clock)), CacheRepository(MemoryStore(clock))
    await one.put("k", "v")
    assert await two.get("k") is None


async def test_without_a_clock_the_system_time_is_used() -> None:
    cache = CacheRepository(MemoryStore())
    await cache.put("k", "v", 3600)
    ttl = await cache.ttl("k")
    assert ttl is not None and 3500 < ttl <= 3600
