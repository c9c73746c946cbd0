"""The provider of the `throttle` and `concurrency` middleware: aliases, bindings, boot checks."""

from __future__ import annotations

import pytest

from orionis.cache import Clock, FrozenClock
from orionis.http.errors import MiddlewareError
from orionis.http.middleware.concurrency import ConcurrencyGates
from orionis.ratelimit import RateLimiter
from tests.http.middleware.conftest import (
    START,
    AppFactory,
    Call,
    _clean_state,
    call,
    clock,
    make_app,
)

__all__ = ["_clean_state", "call", "clock", "make_app"]

HELLO = 'Route.get("/x", c.hello)\n'


async def test_the_limiter_and_the_gates_are_singletons(make_app: AppFactory) -> None:
    app = await make_app(web=HELLO)
    assert app.make(RateLimiter) is app.make(RateLimiter)
    assert app.make(ConcurrencyGates) is app.make(ConcurrencyGates)


async def test_the_limiter_takes_the_clock_swapped_after_boot(make_app: AppFactory) -> None:
    # Named limiters are defined at boot (LimitersProvider), yet the store comes later.
    app = await make_app(web=HELLO)
    limiter = app.make(RateLimiter)
    later = app.swap(Clock, FrozenClock(START + 500))
    assert limiter.now() == later.now()


async def test_an_alias_of_the_same_name_in_config_wins(make_app: AppFactory, call: Call) -> None:
    app = await make_app(
        web='Route.get("/x", c.hello).middleware("throttle")\n',
        http='middleware_aliases = {"throttle": c.ActingAs}\n',
    )
    result = await call(app, "GET", "/x")
    assert result.status == 200 and "x-ratelimit-limit" not in result.headers


async def test_a_wrong_entry_in_the_global_stack_stops_boot(make_app: AppFactory) -> None:
    with pytest.raises(MiddlewareError) as raised:
        await make_app(web=HELLO, http='middleware = ["throttle:x,1"]\n')
    assert str(raised.value).startswith("The global middleware stack: throttle:x,1 is not valid")


async def test_a_wrong_entry_in_a_group_names_the_route(make_app: AppFactory) -> None:
    with pytest.raises(MiddlewareError) as raised:
        await make_app(web=HELLO, http='middleware_groups = {"web": ["concurrency:none"]}\n')
    assert str(raised.value).startswith("Route '/x'")
