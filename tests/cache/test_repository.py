"""CacheRepository's verbs, the same on every driver, with expiry decided by the clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from orionis.cache import CacheError, CacheRepository, FrozenClock


async def test_put_then_get_returns_json_values(cache: CacheRepository) -> None:
    value = {"name": "Ada", "tags": ["a", "b"], "n": 3, "ok": True, "none": None}
    await cache.put("user", value, 60)
    assert await cache.get("user") == value


async def test_get_of_a_missing_key_returns_the_default(cache: CacheRepository) -> None:
    assert await cache.get("missing") is None
    assert await cache.get("missing", "fallback") == "fallback"
    assert await cache.get("missing", lambda: "computed") == "computed"


async def test_async_default_is_awaited(cache: CacheRepository) -> None:
    async def default() -> str:
        return "awaited"

    assert await cache.get("missing", default) == "awaited"


async def test_values_expire_when_the_clock_passes_their_ttl(
    cache: CacheRepository, clock: FrozenClock
) -> None:
    await cache.put("k", "v", 10)
    clock.advance(9.5)
    assert await cache.get("k") == "v"
    clock.advance(0.5)
    assert await cache.get("k") is None


async def test_timedelta_ttl_and_forever(cache: CacheRepository, clock: FrozenClock) -> None:
    await cache.put("short", 1, timedelta(minutes=1))
    await cache.forever("long", 2)
    clock.advance(61)
    assert await cache.get("short") is None
    assert await cache.get("long") == 2
    assert await cache.ttl("long") is None


async def test_a_ttl_of_zero_or_less_forgets_the_key(cache: CacheRepository) -> None:
    await cache.put("k", "v")
    await cache.put("k", "new", 0)
    assert await cache.get("k") is None
    assert await cache.add("k", "v", -5) is False
    assert await cache.get("k") is None


async def test_add_stores_only_when_absent(cache: CacheRepository, clock: FrozenClock) -> None:
    assert await cache.add("lock", "first", 30) is True
    assert await cache.add("lock", "second", 30) is False
    assert await cache.get("lock") == "first"
    clock.advance(30)
    assert await cache.add("lock", "third", 30) is True
    assert await cache.get("lock") == "third"


async def test_increment_and_decrement(cache: CacheRepository) -> None:
    assert await cache.increment("n") == 1
    assert await cache.increment("n", 5) == 6
    assert await cache.decrement("n", 2) == 4
    assert await cache.decrement("fresh") == -1
    assert await cache.get("n") == 4


async def test_increment_keeps_the_expiry_of_the_first_write(
    cache: CacheRepository, clock: FrozenClock
) -> None:
    assert await cache.increment("hits", ttl=60) == 1
    clock.advance(40)
    assert await cache.increment("hits", ttl=60) == 2
    assert await cache.ttl("hits") == pytest.approx(20)
    clock.advance(20)
    assert await cache.get("hits") is None
    assert await cache.increment("hits", ttl=60) == 1


async def test_increment_of_a_put_integer(cache: CacheRepository) -> None:
    await cache.put("views", 41, 60)
    assert await cache.increment("views") == 42


async def test_increment_of_a_non_integer_names_the_key(cache: CacheRepository) -> None:
    await cache.put("name", "Ada")
    with pytest.raises(CacheError, match="'name' is not an integer"):
        await cache.increment("name")


async def test_increment_refuses_a_ttl_of_zero(cache: CacheRepository) -> None:
    with pytest.raises(CacheError, match="more than 0 seconds"):
        await cache.increment("n", ttl=0)


async def test_has_forget_and_pull(cache: CacheRepository) -> None:
    await cache.put("a", 1)
    await cache.put("nothing", None)
    assert await cache.has("a") and not await cache.has("nothing")
    assert await cache.pull("a") == 1
    assert not await cache.has("a")
    assert await cache.pull("a", "gone") == "gone"
    await cache.put("b", 2)
    await cache.forget("b")
    assert await cache.get("b") is None


async def test_remember_calls_the_callback_once_until_expiry(
    cache: CacheRepository, clock: FrozenClock
) -> None:
    calls: list[int] = []

    async def load() -> dict[str, int]:
        calls.append(1)
        return {"total": len(calls)}

    assert await cache.remember("stats", 60, load) == {"total": 1}
    assert await cache.remember("stats", 60, load) == {"total": 1}
    clock.advance(60)
    assert await cache.remember("stats", 60, load) == {"total": 2}
    assert await cache.remember_forever("sync", lambda: [1, 2]) == [1, 2]
    assert await cache.ttl("sync") is None


async def test_ttl_counts_down_with_the_clock(cache: CacheRepository, clock: FrozenClock) -> None:
    await cache.put("k", "v", 90)
    assert await cache.ttl("k") == pytest.approx(90)
    clock.advance(30)
    assert await cache.ttl("k") == pytest.approx(60)
    assert await cache.ttl("missing") is None


async def test_flush_removes_everything(cache: CacheRepository) -> None:
    await cache.put("a", 1)
    await cache.increment("b")
    await cache.flush()
    assert await cache.get("a") is None and await cache.get("b") is None


async def test_values_that_are_not_json_are_refused(cache: CacheRepository) -> None:
    class Point:
        pass

    with pytest.raises(CacheError, match=r"cannot encode the Point given for 'p'"):
        await cache.put("p", Point())
    assert await cache.get("p") is None


async def test_a_wrong_ttl_type_is_refused(cache: CacheRepository) -> None:
    with pytest.raises(CacheError, match="seconds"):
        await cache.put("k", "v", "60")  # type: ignore[arg-type]


async def test_a_returned_value_is_a_copy(cache: CacheRepository) -> None:
    await cache.put("list", [1])
    first = await cache.get("list")
    first.append(2)
    assert await cache.get("list") == [1]
