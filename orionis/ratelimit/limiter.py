"""``RateLimiter``: attempts counted per key in a fixed window, on a cache store."""

from __future__ import annotations

import inspect
import math
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from orionis.cache import CacheRepository
from orionis.ratelimit.errors import RateLimitError
from orionis.ratelimit.limit import Limit
from orionis.support.suggest import did_you_mean

__all__ = ["LimiterCallback", "RateLimiter"]

LimitResult = Limit | Sequence[Limit] | None
LimiterCallback = Callable[[Any], LimitResult | Awaitable[LimitResult]]
"""A named limiter: gets the request, returns its limit(s); None means no limit."""


class RateLimiter:
    """``await limiter.hit("login:" + email, 60)`` then ``too_many_attempts(key, 5)``.

    A window opens with the first hit of a key and lasts ``decay_seconds``; its counter then
    starts over. With the ``redis`` cache driver every worker shares the counters; with
    ``memory`` each worker process counts on its own.

    Named limiters, for ``throttle:NAME``: ``limiter.define("api", lambda request:
    Limit.per_minute(60).by(request.client))`` in a service provider's ``boot()``.
    """

    def __init__(self, cache: CacheRepository | Callable[[], CacheRepository]) -> None:
        """``cache``: the repository, or a function giving it on first use (the provider
        passes ``CacheManager.store`` so that nothing is built at boot)."""
        self._cache: CacheRepository | None = None
        self._make_cache: Callable[[], CacheRepository]
        if isinstance(cache, CacheRepository):
            self._cache, self._make_cache = cache, lambda: cache
        else:
            self._make_cache = cache
        self._limiters: dict[str, LimiterCallback] = {}

    @property
    def cache(self) -> CacheRepository:
        """The cache the counters live in."""
        cache = self._cache
        if cache is None:
            cache = self._cache = self._make_cache()
        return cache

    def now(self) -> float:
        """The time of the cache's clock (seconds since the epoch)."""
        return self.cache.clock.now()

    # -- named limiters ---------------------------------------------------------------------

    def define(self, name: str, callback: LimiterCallback) -> None:
        """Name a limiter for ``throttle:NAME``: ``callback(request)`` returns a ``Limit``,
        several, or None (sync or async)."""
        self._limiters[name] = callback

    def limiter(self, name: str) -> LimiterCallback | None:
        """The callback defined under ``name``, or None."""
        return self._limiters.get(name)

    async def limits_for(self, name: str, request: Any) -> list[Limit]:
        """The limits the limiter ``name`` sets for ``request`` (unlimited ones left out)."""
        callback = self._limiters.get(name)
        if callback is None:
            raise self.undefined(name)
        result = callback(request)
        if inspect.isawaitable(result):
            result = await result
        if result is None:
            return []
        limits = [result] if isinstance(result, Limit) else result
        if not isinstance(limits, (list, tuple)) or not all(
            isinstance(limit, Limit) for limit in limits
        ):
            raise RateLimitError(
                f"The rate limiter {name!r} returned {result!r}; it must return a Limit "
                "(Limit.per_minute(60).by(...)), a list of them, or None."
            )
        return [limit for limit in limits if not limit.unlimited]

    def undefined(self, name: str) -> RateLimitError:
        """The error for a ``throttle:NAME`` that names no defined limiter."""
        return RateLimitError(
            f"No rate limiter is named {name!r}.{did_you_mean(name, self._limiters)} Define "
            f"it in a service provider's boot(): limiter.define({name!r}, lambda request: "
            "Limit.per_minute(60).by(request.client)), or write throttle:MAX,MINUTES."
        )

    # -- counting ---------------------------------------------------------------------------

    async def hit(self, key: str, decay_seconds: float = 60) -> int:
        """Count one attempt for ``key`` and return the attempts of its current window."""
        return await self.cache.increment(key, 1, ttl=decay_seconds)

    async def attempts(self, key: str) -> int:
        """The attempts counted for ``key`` in its current window."""
        value = await self.cache.get(key)
        return int(value) if isinstance(value, int) else 0

    async def too_many_attempts(self, key: str, max_attempts: int) -> bool:
        """True when ``key`` used its ``max_attempts`` in the current window."""
        return await self.attempts(key) >= max_attempts

    async def remaining(self, key: str, max_attempts: int) -> int:
        """Attempts ``key`` has left in the current window."""
        return max(0, max_attempts - await self.attempts(key))

    async def available_in(self, key: str) -> int:
        """Seconds (rounded up) until the window of ``key`` ends; 0 when none is open."""
        seconds = await self.cache.ttl(key)
        return 0 if seconds is None else max(0, math.ceil(seconds))

    async def clear(self, key: str) -> None:
        """Forget the attempts of ``key``: its next hit opens a new window."""
        await self.cache.forget(key)

    async def attempt(
        self,
        key: str,
        max_attempts: int,
        callback: Callable[[], Any],
        decay_seconds: float = 60,
    ) -> Any:
        """Run ``callback`` (sync or async) and count it, unless ``key`` has no attempts
        left: then return False. Returns the callback's result (True for None)."""
        if await self.too_many_attempts(key, max_attempts):
            return False
        result = callback()
        if inspect.isawaitable(result):
            result = await result
        await self.hit(key, decay_seconds)
        return True if result is None else result
