"""Middleware through RSGI and ASGI: stacks, groups, aliases, order, errors, terminate."""

from __future__ import annotations

import logging

import pytest

from orionis.foundation.application import Application
from orionis.http.errors import MiddlewareError
from tests.http.kernel import middleware as m
from tests.http.kernel.conftest import AppFactory, Call
from tests.http.kernel.controllers import events
from tests.support.drivers import SENT

ROUTES = """
Route.get("/", c.ok)
Route.get("/missing", c.not_found)
Route.get("/crash", c.crash)
"""


def _http(source: str) -> dict[str, str]:
    return {"http": source}


async def test_global_middleware_runs_on_every_request(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, config=_http("middleware = [m.First]\n"))
    assert (await call(app, "GET", "/")).headers.get_all("x-trace") == ["first"]
    assert (await call(app, "GET", "/up")).headers.get_all("x-trace") == ["first"]


async def test_global_middleware_sees_404_of_unknown_paths(
    make_app: AppFactory, call: Call
) -> None:
    app = await make_app(web=ROUTES, config=_http("middleware = [m.SeeStatus]\n"))
    response = await call(app, "GET", "/nowhere")
    assert response.status == 404
    assert response.headers["x-seen-status"] == "404"


async def test_order_is_outermost_first(make_app: AppFactory, call: Call) -> None:
    config = _http("middleware = [m.First]\nmiddleware_groups = {'web': [m.Second]}\n")
    routes = 'Route.get("/", c.ok).middleware(m.Third)\n'
    app = await make_app(web=routes, config=config)
    response = await call(app, "GET", "/")
    assert events == ["first:in", "second:in", "third:in", "third:out", "second:out", "first:out"]
    assert response.headers.get_all("x-trace") == ["third", "second", "first"]


async def test_priority_list_reorders(make_app: AppFactory, call: Call) -> None:
    config = _http(
        "middleware_aliases = {'first': m.First}\nmiddleware_priority = [m.Third, 'first']\n"
    )
    routes = 'Route.get("/", c.ok).middleware("first", m.Second, m.Third)\n'
    app = await make_app(web=routes, config=config)
    await call(app, "GET", "/")
    assert [event for event in events if event.endswith(":in")] == [
        "third:in",
        "second:in",
        "first:in",
    ]


async def test_group_and_alias_with_parameters(make_app: AppFactory, call: Call) -> None:
    config = _http(
        "middleware_aliases = {'tag': m.Tag}\n"
        "middleware_groups = {'web': ['tag:web'], 'tagged': ['tag:a,b', m.Second]}\n"
    )
    routes = 'Route.get("/", c.ok).middleware("tagged")\n'
    app = await make_app(web=routes, config=config)
    response = await call(app, "GET", "/")
    assert response.headers.get_all("x-tag") == ["a|b", "web"]
    assert response.headers.get_all("x-trace") == ["second"]


async def test_route_middleware_only_on_its_route(make_app: AppFactory, call: Call) -> None:
    routes = 'Route.get("/", c.ok).middleware(m.First)\nRoute.get("/other", c.ok)\n'
    app = await make_app(web=routes)
    assert (await call(app, "GET", "/")).headers.get_all("x-trace") == ["first"]
    assert (await call(app, "GET", "/other")).headers.get_all("x-trace") == []


async def test_group_without_middleware(make_app: AppFactory, call: Call) -> None:
    config = _http("middleware_groups = {'web': [m.WebMarker, m.First]}\n")
    routes = """
Route.get("/", c.ok)
with Route.group(prefix="/bare", without_middleware=[m.WebMarker]):
    Route.get("/", c.ok)
"""
    app = await make_app(web=routes, config=config)
    assert (await call(app, "GET", "/")).headers.get_all("x-trace") == ["first", "web"]
    assert (await call(app, "GET", "/bare")).headers.get_all("x-trace") == ["first"]


async def test_constructor_injection(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web='Route.get("/", c.ok).middleware(m.Greeting)\n')
    assert (await call(app, "GET", "/")).headers["x-greeting"] == "Hello, middleware"


async def test_short_circuit(make_app: AppFactory, call: Call) -> None:
    routes = 'Route.get("/", c.crash).middleware(m.First, m.Block, m.Second)\n'
    app = await make_app(web=routes)
    response = await call(app, "GET", "/")
    assert (response.status, response.text) == (403, "blocked")
    assert events == ["first:in", "first:out"]


async def test_route_middleware_sees_error_responses(make_app: AppFactory, call: Call) -> None:
    config = _http("middleware_groups = {'web': [m.SeeStatus]}\n")
    app = await make_app(web=ROUTES, config=config)
    missing = await call(app, "GET", "/missing")
    assert (missing.status, missing.headers["x-seen-status"]) == (404, "404")
    crash = await call(app, "GET", "/crash")
    assert (crash.status, crash.headers["x-seen-status"]) == (500, "500")


async def test_terminate_runs_after_the_response_was_sent(make_app: AppFactory, call: Call) -> None:
    routes = 'Route.get("/", c.ok).middleware(m.AfterResponse, m.SyncAfterResponse)\n'
    app = await make_app(web=routes)
    await call(app, "GET", "/", events=events)
    assert events == ["handle", SENT, "terminate:200", "sync terminate"]


async def test_global_terminable_middleware(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, config=_http("middleware = [m.AfterResponse]\n"))
    await call(app, "GET", "/missing", events=events)
    assert events == ["handle", SENT, "terminate:404"]


def _with_middleware(app: Application) -> None:
    app.with_middleware(
        prepend=[m.First],
        append=["third"],
        remove=[m.Second],
        aliases={"third": m.Third, "tag": m.Tag},
        groups={"web": ["tag:from-app"]},
    )


async def test_with_middleware(make_app: AppFactory, call: Call) -> None:
    config = _http(
        "middleware = [m.Second, m.Greeting]\nmiddleware_groups = {'web': [m.WebMarker]}\n"
    )
    app = await make_app(web=ROUTES, config=config, setup=_with_middleware)
    response = await call(app, "GET", "/")
    assert [e for e in events if e.endswith(":in")] == ["first:in", "third:in"]
    assert response.headers["x-greeting"] == "Hello, middleware"
    assert response.headers.get_all("x-tag") == ["from-app"]
    assert response.headers.get_all("x-trace") == ["third", "first"]


async def test_unknown_alias_stops_boot(make_app: AppFactory) -> None:
    config = _http("middleware_aliases = {'tag': m.Tag}\n")
    routes = 'Route.get("/tagged", c.ok).middleware("tga:1")\n'
    with pytest.raises(MiddlewareError) as caught:
        await make_app(web=routes, config=config)
    message = str(caught.value)
    assert "Unknown middleware 'tga'. Did you mean 'tag'?" in message
    assert "'/tagged'" in message
    assert "routes/web.py:" in message


async def test_failing_terminate_is_logged_and_others_still_run(
    make_app: AppFactory, call: Call, caplog: pytest.LogCaptureFixture
) -> None:
    routes = 'Route.get("/", c.ok).middleware(m.FailingTerminate, m.AfterResponse)\n'
    app = await make_app(web=routes)
    with caplog.at_level(logging.ERROR, logger="orionis"):
        response = await call(app, "GET", "/", events=events)
    assert response.text == "ok"
    assert events == ["handle", SENT, "terminate:200"]
    assert [r.getMessage() for r in caplog.records] == ["FailingTerminate.terminate() failed"]
