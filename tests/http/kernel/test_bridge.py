"""When the app boots and shuts down: first request, ASGI lifespan, RSGI worker hooks."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from orionis.foundation.application import Application
from orionis.foundation.enums.lifespan import Lifespan
from orionis.foundation.errors import BootError
from orionis.http.boot_failure import RELOADING_VARIABLE
from tests.http.kernel import controllers as c
from tests.http.kernel.conftest import AppFactory, Call
from tests.support.drivers import (
    Result,
    asgi_lifespan,
    asgi_websocket_refusal,
    call_asgi,
    call_rsgi,
    rsgi_websocket_refusal,
)

ROUTES = 'Route.get("/", c.ok)\n'
FAILED = (
    "STARTUP callback tests.http.kernel.controllers.failing_startup failed: "
    "ConnectionError: database unreachable"
)


def _callbacks(app: Application) -> None:
    app.on(Lifespan.STARTUP, c.on_startup)
    app.on(Lifespan.SHUTDOWN, c.on_shutdown)


def _failing(app: Application) -> None:
    app.on(Lifespan.STARTUP, c.failing_startup)


async def test_boots_on_the_first_request(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, setup=_callbacks, boot=False)
    assert not app.is_booted()
    assert (await call(app, "GET", "/")).text == "ok"
    assert app.is_booted()
    assert (await call(app, "GET", "/")).text == "ok"
    assert c.events == ["startup"]


async def test_concurrent_first_requests_boot_once(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, setup=_callbacks, boot=False)
    results = await asyncio.gather(*(call(app, "GET", "/") for _ in range(5)))
    assert [result.status for result in results] == [200] * 5
    assert c.events == ["startup"]


async def test_asgi_lifespan_startup_and_shutdown(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES, setup=_callbacks, boot=False)
    sent = await asgi_lifespan(app, "startup", "shutdown")
    assert sent == [
        {"type": "lifespan.startup.complete"},
        {"type": "lifespan.shutdown.complete"},
    ]
    assert c.events == ["startup", "shutdown"]
    assert app.state.value == "terminated"


async def test_asgi_lifespan_boots_before_requests(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES, setup=_callbacks, boot=False)
    sent: list[dict[str, object]] = []
    answered = asyncio.Event()
    incoming: asyncio.Queue[dict[str, object]] = asyncio.Queue()

    async def send(message: dict[str, object]) -> None:
        sent.append(message)
        answered.set()

    incoming.put_nowait({"type": "lifespan.startup"})
    task = asyncio.create_task(app({"type": "lifespan"}, incoming.get, send))
    await answered.wait()
    assert sent == [{"type": "lifespan.startup.complete"}]
    assert app.is_booted()
    incoming.put_nowait({"type": "lifespan.shutdown"})
    await task
    assert c.events == ["startup", "shutdown"]


async def test_asgi_failing_startup_reports_startup_failed(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES, setup=_failing, boot=False)
    sent: list[dict[str, object]] = []
    # Raising after startup.failed is allowed: servers stop on the message either way.
    with contextlib.suppress(BootError):
        await asgi_lifespan(app, "startup", sent=sent)
    assert sent == [{"type": "lifespan.startup.failed", "message": FAILED}]
    assert not app.is_booted()


def _serve_one_rsgi_worker(app: Application) -> Result:
    # Granian calls __rsgi_init__ / __rsgi_del__ with its loop not running yet / any more.
    loop = asyncio.new_event_loop()
    try:
        app.__rsgi_init__(loop)
        result = loop.run_until_complete(call_rsgi(app, "GET", "/"))
        app.__rsgi_del__(loop)
        return result
    finally:
        loop.close()


async def test_rsgi_worker_init_and_del(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES, setup=_callbacks, boot=False)
    result = await asyncio.to_thread(_serve_one_rsgi_worker, app)
    assert result.text == "ok"
    assert c.events == ["startup", "shutdown"]


def _init_rsgi_worker(app: Application) -> None:
    loop = asyncio.new_event_loop()
    try:
        app.__rsgi_init__(loop)
    finally:
        loop.close()


async def test_rsgi_failing_init_stops_the_worker(
    make_app: AppFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    app = await make_app(web=ROUTES, setup=_failing, boot=False)
    with pytest.raises(BootError, match=FAILED):
        await asyncio.to_thread(_init_rsgi_worker, app)
    assert "ConnectionError: database unreachable" in capsys.readouterr().err


# ---------------------------------------------------- a failed boot while reactor serve reloads

JSON = (("accept", "application/json"),)


def _serve_rsgi_after_failed_init(app: Application) -> tuple[Result, Result, int | None]:
    loop = asyncio.new_event_loop()
    try:
        app.__rsgi_init__(loop)  # does not raise: the worker stays to report the error
        page = loop.run_until_complete(call_rsgi(app, "GET", "/"))
        as_json = loop.run_until_complete(call_rsgi(app, "GET", "/", headers=JSON))
        websocket = loop.run_until_complete(rsgi_websocket_refusal(app))
        app.__rsgi_del__(loop)
        return page, as_json, websocket
    finally:
        loop.close()


async def test_rsgi_failed_init_under_reload_answers_with_the_error(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(RELOADING_VARIABLE, "1")
    app = await make_app(web=ROUTES, setup=_failing, boot=False)

    page, as_json, websocket = await asyncio.to_thread(_serve_rsgi_after_failed_init, app)

    assert "ConnectionError: database unreachable" in capsys.readouterr().err
    assert (page.status, as_json.status, websocket) == (500, 500, 500)
    # APP_DEBUG is off here: the page says where the error is, not what it is.
    assert "The application failed to start" in page.text
    assert "database unreachable" not in page.text + as_json.text
    assert as_json.json()["message"].startswith("The application failed to start.")
    assert not app.is_booted()


async def test_asgi_failed_startup_under_reload_answers_with_the_error(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RELOADING_VARIABLE, "1")
    app = await make_app(
        web=ROUTES,
        setup=_failing,
        boot=False,
        env="APP_ENV=local\nAPP_DEBUG=true\n",
        config={"app": 'debug = env("APP_DEBUG", False)\n'},
    )

    lifespan: asyncio.Queue[dict[str, object]] = asyncio.Queue()
    answers: asyncio.Queue[dict[str, object]] = asyncio.Queue()
    lifespan.put_nowait({"type": "lifespan.startup"})
    running = asyncio.create_task(app({"type": "lifespan"}, lifespan.get, answers.put))
    started = await asyncio.wait_for(answers.get(), 30)
    page = await call_asgi(app, "GET", "/")
    sent = await asgi_websocket_refusal(app)
    lifespan.put_nowait({"type": "lifespan.shutdown"})
    await asyncio.wait_for(running, 30)

    assert started == {"type": "lifespan.startup.complete"}
    assert page.status == 500
    assert "database unreachable" in page.text  # APP_DEBUG: the debug page shows the error
    assert sent == [{"type": "websocket.close", "code": 1011}]
    assert answers.get_nowait() == {"type": "lifespan.shutdown.complete"}
