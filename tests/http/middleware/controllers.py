"""Actions, middleware and providers the throttle and concurrency tests' routes name."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from orionis.foundation.provider import ServiceProvider
from orionis.http import Request, Response
from orionis.http.middleware import Next
from orionis.ratelimit import Limit, RateLimiter


async def hello() -> dict[str, str]:
    return {"hello": "world"}


async def boom() -> None:
    raise RuntimeError("boom")


class Holdup:
    """Keeps requests inside their handler until ``release`` is set; counts who got in."""

    def __init__(self) -> None:
        self.entered = 0
        self.release = asyncio.Event()
        self._changed = asyncio.Event()

    async def wait_for(self, entered: int) -> None:
        """Return once ``entered`` requests are (or were) inside the handler."""
        async with asyncio.timeout(10):  # a guard against a hang, not a measurement
            while self.entered < entered:
                self._changed.clear()
                await self._changed.wait()

    def arrive(self) -> None:
        self.entered += 1
        self._changed.set()


async def held(holdup: Holdup) -> dict[str, int]:
    holdup.arrive()
    await holdup.release.wait()
    return {"entered": holdup.entered}


class ActingAs:
    """Stands for an authentication middleware: ``X-User: 7`` makes user 7 the request's."""

    async def handle(self, request: Request, next: Next) -> Response:
        user = request.headers.get("x-user")
        if user is not None:
            request.state.user = SimpleNamespace(id=int(user))
        return await next(request)


class Explode:
    """A middleware that fails: its error goes out through the middleware around it."""

    async def handle(self, request: Request, next: Next) -> Response:
        raise RuntimeError("exploded in middleware")


def _by_plan(request: Request) -> list[Limit]:
    # Two limits, the per-minute one tighter for the first requests, the hourly one later.
    key = request.headers.get("x-key", "anonymous")
    return [Limit.per_minute(3).by(key), Limit.per_hour(4).by(key)]


async def _from_store(request: Request) -> Limit | None:
    await asyncio.sleep(0)  # an async limiter, as one reading a database would be
    return None if request.headers.get("x-vip") else Limit.per_minute(2).by(request.client)


class LimitersProvider(ServiceProvider):
    """Defines the named limiters, where an application does it: a provider's boot()."""

    def boot(self, limiter: RateLimiter) -> None:
        limiter.define("api", lambda request: Limit.per_minute(3).by(request.client))
        limiter.define("global", lambda request: Limit.per_minute(2))
        limiter.define("plans", _by_plan)
        limiter.define("vip", _from_store)
        limiter.define("open", lambda request: Limit.none())


def describe(result: Any) -> dict[str, str | None]:
    """The rate-limit headers of a result."""
    names = ("x-ratelimit-limit", "x-ratelimit-remaining", "retry-after", "x-ratelimit-reset")
    return {name: result.headers.get(name) for name in names}
