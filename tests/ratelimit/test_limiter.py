"""RateLimiter: fixed windows per key on every cache driver, and named limiters."""

from __future__ import annotations

from typing import Any

import pytest

from orionis.cache import CacheRepository, FrozenClock
from orionis.ratelimit import Limit, RateLimiter, RateLimitError


@pytest.fixture
def limiter(cache: CacheRepository) -> RateLimiter:
    return RateLimiter(cache)


async def test_hits_count_within_the_window(limiter: RateLimiter) -> None:
    assert [await limiter.hit("login:ada", 60) for _ in range(3)] == [1, 2, 3]
    assert await limiter.attempts("login:ada") == 3
    assert await limiter.remaining("login:ada", 5) == 2
    assert not await limiter.too_many_attempts("login:ada", 5)
    await limiter.hit("login:ada", 60)
    await limiter.hit("login:ada", 60)
    assert await limiter.too_many_attempts("login:ada", 5)
    assert await limiter.remaining("login:ada", 5) == 0


async def test_the_window_opens_with_the_first_hit_and_resets_after_decay(
    limiter: RateLimiter, clock: FrozenClock
) -> None:
    await limiter.hit("k", 60)
    clock.advance(45)
    await limiter.hit("k", 60)  # a later hit does not extend the window
    assert await limiter.available_in("k") == 15
    clock.advance(15)
    assert await limiter.attempts("k") == 0
    assert await limiter.available_in("k") == 0
    assert await limiter.hit("k", 60) == 1
    assert await limiter.available_in("k") == 60


async def test_available_in_rounds_up(limiter: RateLimiter, clock: FrozenClock) -> None:
    await limiter.hit("k", 10)
    clock.advance(0.25)
    assert await limiter.available_in("k") == 10


async def test_keys_are_counted_apart_and_clear_forgets_one(limiter: RateLimiter) -> None:
    await limiter.hit("a")
    await limiter.hit("a")
    await limiter.hit("b")
    await limiter.clear("a")
    assert (await limiter.attempts("a"), await limiter.attempts("b")) == (0, 1)


async def test_attempt_runs_the_callback_until_the_limit(limiter: RateLimiter) -> None:
    calls: list[int] = []

    async def send() -> str:
        calls.append(1)
        return "sent"

    results = [await limiter.attempt("mail", 2, send, 60) for _ in range(3)]
    assert results == ["sent", "sent", False] and len(calls) == 2
    assert await limiter.attempt("other", 1, lambda: None) is True


async def test_the_cache_can_be_given_lazily(clock: FrozenClock) -> None:
    from orionis.cache import MemoryStore

    built: list[CacheRepository] = []

    def make() -> CacheRepository:
        built.append(CacheRepository(MemoryStore(clock)))
        return built[-1]

    limiter = RateLimiter(make)
    assert built == []
    await limiter.hit("k")
    assert limiter.cache is built[0] and len(built) == 1
    assert limiter.now() == clock.now()


async def test_named_limiters_return_their_limits(limiter: RateLimiter) -> None:
    limiter.define("api", lambda request: Limit.per_minute(60).by(request["ip"]))
    limiter.define("plans", lambda request: [Limit.per_minute(10), Limit.none()])

    async def from_database(request: Any) -> Limit | None:
        return None if request["admin"] else Limit.per_hour(5).by(request["ip"])

    limiter.define("uploads", from_database)
    assert await limiter.limits_for("api", {"ip": "1.2.3.4"}) == [Limit(60, 60.0, "1.2.3.4")]
    assert await limiter.limits_for("plans", {}) == [Limit(10, 60.0)]
    assert await limiter.limits_for("uploads", {"admin": True, "ip": "x"}) == []
    assert await limiter.limits_for("uploads", {"admin": False, "ip": "x"}) == [
        Limit(5, 3600.0, "x")
    ]
    assert limiter.limiter("api") is not None and limiter.limiter("nope") is None


async def test_an_undefined_limiter_names_the_close_one_and_the_fix(limiter: RateLimiter) -> None:
    limiter.define("api", lambda request: None)
    with pytest.raises(RateLimitError) as raised:
        await limiter.limits_for("apj", {})
    message = str(raised.value)
    assert "No rate limiter is named 'apj'. Did you mean 'api'?" in message
    assert "limiter.define('apj'" in message


async def test_a_limiter_returning_something_else_is_reported(limiter: RateLimiter) -> None:
    limiter.define("bad", lambda request: 60)  # type: ignore[arg-type,return-value]
    with pytest.raises(RateLimitError, match="returned 60; it must return a Limit"):
        await limiter.limits_for("bad", {})
