"""The `concurrency` middleware through RSGI and ASGI: N requests in flight, the next one 503
at once, slots given back on responses, errors and cancellation."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from orionis.foundation.application import Application
from orionis.http.errors import MiddlewareError
from orionis.http.middleware.concurrency import ConcurrencyGates
from orionis.routing import CompiledRoute, Router
from tests.http.middleware.conftest import AppFactory, Call
from tests.http.middleware.controllers import Holdup
from tests.support.drivers import Result

ROUTES = """
Route.get("/held", c.held).middleware("concurrency:3")
Route.get("/explode", c.hello).middleware(["concurrency:1", c.Explode])
Route.get("/export-1", c.held).middleware("concurrency:1,exports")
Route.get("/export-2", c.hello).middleware("concurrency:1,exports")
Route.get("/hello", c.hello)
"""


@pytest.fixture
def holdup() -> Holdup:
    return Holdup()


@pytest.fixture
def bind(holdup: Holdup) -> Callable[[Application], None]:
    return lambda app: app.instance(Holdup, holdup)


async def _hold(
    app: Application, call: Call, holdup: Holdup, path: str, count: int
) -> list[asyncio.Task[Result]]:
    """``count`` requests to ``path`` left waiting inside the handler."""
    tasks = [asyncio.create_task(call(app, "GET", path)) for _ in range(count)]
    await holdup.wait_for(holdup.entered + count)
    return tasks


def _route(app: Application, path: str) -> CompiledRoute:
    router: Router = app.make(Router)
    return next(route for route in router.routes if route.path == path)


async def _admitted(
    app: Application, call: Call, holdup: Holdup, path: str
) -> asyncio.Task[Result]:
    """A request to ``path`` that must get into the handler; fails if it is answered first."""
    task = asyncio.create_task(call(app, "GET", path))
    inside = asyncio.create_task(holdup.wait_for(holdup.entered + 1))
    await asyncio.wait([task, inside], return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        inside.cancel()
        raise AssertionError(f"answered {task.result()!r} instead of getting a slot")
    await inside
    return task


async def _immediately(pending: Awaitable[Result]) -> Result:
    # The held requests are still inside their handlers while this one is answered: it
    # cannot have waited for a slot. The timeout only keeps a broken cap from hanging.
    async with asyncio.timeout(10):
        return await pending


async def test_the_request_over_the_cap_gets_503_at_once(
    make_app: AppFactory, call: Call, holdup: Holdup, bind: Callable[[Application], None]
) -> None:
    app = await make_app(web=ROUTES, setup=bind)
    held = await _hold(app, call, holdup, "/held", 3)
    refused = await _immediately(call(app, "GET", "/held", headers={"accept": "application/json"}))
    assert (refused.status, refused.headers["retry-after"]) == (503, "1")
    assert refused.json() == {"message": "Service Unavailable"}
    assert holdup.entered == 3 and not any(task.done() for task in held)
    assert (await call(app, "GET", "/hello")).status == 200  # other routes are not capped
    holdup.release.set()
    assert [(await task).status for task in held] == [200, 200, 200]
    assert (await call(app, "GET", "/held")).status == 200
    assert app.make(ConcurrencyGates).gate(_route(app, "/held")).active == 0


async def test_a_cancelled_request_gives_its_slot_back(
    make_app: AppFactory, call: Call, holdup: Holdup, bind: Callable[[Application], None]
) -> None:
    app = await make_app(web=ROUTES, setup=bind)
    held = await _hold(app, call, holdup, "/held", 3)
    held[0].cancel()
    with pytest.raises(asyncio.CancelledError):
        await held[0]
    # The freed slot is taken by a new request, which gets into the handler.
    held.append(await _admitted(app, call, holdup, "/held"))
    assert holdup.entered == 4
    assert (await _immediately(call(app, "GET", "/held"))).status == 503
    holdup.release.set()
    assert [(await task).status for task in held[1:]] == [200, 200, 200]


async def test_an_error_going_through_gives_the_slot_back(
    make_app: AppFactory, call: Call, bind: Callable[[Application], None]
) -> None:
    app = await make_app(web=ROUTES, setup=bind)
    assert (await call(app, "GET", "/explode")).status == 500
    assert (await call(app, "GET", "/explode")).status == 500  # not 503: the slot came back
    assert app.make(ConcurrencyGates).gate(_route(app, "/explode")).active == 0


async def test_a_named_cap_is_shared_between_routes(
    make_app: AppFactory, call: Call, holdup: Holdup, bind: Callable[[Application], None]
) -> None:
    app = await make_app(web=ROUTES, setup=bind)
    held = await _hold(app, call, holdup, "/export-1", 1)
    assert (await _immediately(call(app, "GET", "/export-2"))).status == 503
    holdup.release.set()
    await held[0]
    assert (await call(app, "GET", "/export-2")).status == 200


async def test_max_concurrent_requests_caps_every_request(
    make_app: AppFactory, call: Call, holdup: Holdup, bind: Callable[[Application], None]
) -> None:
    web = 'Route.get("/held", c.held)\nRoute.get("/hello", c.hello)\n'
    app = await make_app(web=web, http="max_concurrent_requests = 2\n", setup=bind)
    held = await _hold(app, call, holdup, "/held", 2)
    assert app.make(ConcurrencyGates).in_flight() == 2
    for path in ("/hello", "/held", "/nowhere", "/up"):
        assert (await _immediately(call(app, "GET", path))).status == 503
    holdup.release.set()
    assert [(await task).status for task in held] == [200, 200]
    assert (await call(app, "GET", "/hello")).status == 200
    assert app.make(ConcurrencyGates).in_flight() == 0


async def test_no_cap_by_default(make_app: AppFactory) -> None:
    app = await make_app(web='Route.get("/hello", c.hello)\n')
    assert app.config.get("http.max_concurrent_requests") == 0
    assert app.http.prepend == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("concurrency", "needs the number of requests allowed at once"),
        ("concurrency:many", "'many' is not a number of requests"),
        ("concurrency:0", "'0' is not a number of requests"),
        ("concurrency:1,a,b", "needs the number of requests allowed at once"),
    ],
)
async def test_wrong_parameters_stop_boot_naming_the_route(
    make_app: AppFactory, entry: str, message: str
) -> None:
    with pytest.raises(MiddlewareError) as raised:
        await make_app(web=f'Route.get("/x", c.hello).middleware("{entry}")\n')
    assert "Route '/x'" in str(raised.value) and message in str(raised.value)
