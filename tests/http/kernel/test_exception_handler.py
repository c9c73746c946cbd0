"""Errors through RSGI and ASGI: production 500s, the debug page, a custom handler."""

from __future__ import annotations

import logging

import pytest

from orionis.foundation.application import Application
from tests.http.kernel.conftest import AppFactory, Call
from tests.http.kernel.controllers import events
from tests.http.kernel.handlers import AsyncHandler, BrokenHandler, Handler

ROUTES = """
Route.get("/crash", c.crash)
Route.get("/missing", c.not_found)
Route.get("/teapot", c.teapot)
Route.get("/quiet", c.quiet)
Route.get("/explode", c.ok).middleware(m.Explode)
"""
DEBUG = {"app": 'debug = env("APP_DEBUG", False)\n'}
JSON = [("accept", "application/json")]
SECRET = "secret-token-xyz"


def _custom(app: Application) -> None:
    app.with_exceptions(Handler)


async def test_unhandled_error_is_a_bare_500_page(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, config=DEBUG, env="APP_DEBUG=false")
    response = await call(app, "GET", "/crash")
    assert response.status == 500
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "500 | Server Error" in response.text
    for leak in (SECRET, "RuntimeError", "Traceback", "controllers.py", ".py"):
        assert leak not in response.text


async def test_unhandled_error_is_a_bare_500_json(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/crash", headers=JSON)
    assert response.status == 500
    assert response.json() == {"message": "Server Error"}


async def test_default_report_logs_the_stack_once(
    make_app: AppFactory, call: Call, caplog: pytest.LogCaptureFixture
) -> None:
    app = await make_app(web=ROUTES)
    with caplog.at_level(logging.ERROR, logger="orionis"):
        await call(app, "GET", "/crash")
        await call(app, "GET", "/missing")
    assert len(caplog.records) == 1
    record = caplog.records[0]
    assert record.getMessage() == f"Unhandled RuntimeError: {SECRET} broke"
    assert record.exc_info is not None


async def test_debug_page_shows_the_error(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, config=DEBUG, env="APP_ENV=local\nAPP_DEBUG=true")
    headers = [("authorization", "Bearer hunter2"), ("cookie", "session=abc123"), ("x-id", "7")]
    response = await call(app, "GET", "/crash", headers=headers)
    assert response.status == 500
    page = response.text
    assert f"RuntimeError: {SECRET} broke" in page
    assert "controllers.py" in page
    assert "in <b>crash</b>" in page
    assert "<th>x-id</th><td>7</td>" in page
    assert "hunter2" not in page
    assert "abc123" not in page
    assert "<th>authorization</th><td>********</td>" in page
    assert "<th>cookie</th><td>********</td>" in page


async def test_debug_json_for_json_clients(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, config=DEBUG, env="APP_ENV=local\nAPP_DEBUG=true")
    response = await call(app, "GET", "/crash", headers=JSON)
    assert response.status == 500
    body = response.json()
    assert body["message"] == f"{SECRET} broke"
    assert body["exception"] == "builtins.RuntimeError"
    assert body["trace"][-1]["function"] == "crash"
    assert body["trace"][-1]["file"].endswith("controllers.py")


async def test_debug_does_not_change_http_errors(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, config=DEBUG, env="APP_ENV=local\nAPP_DEBUG=true")
    response = await call(app, "GET", "/missing", headers=JSON)
    assert (response.status, response.json()) == (404, {"message": "Not Found"})


async def test_custom_handler_reports_once(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, setup=_custom)
    assert (await call(app, "GET", "/crash")).status == 500
    assert events == ["report:RuntimeError"]


async def test_custom_handler_reports_middleware_errors_once(
    make_app: AppFactory, call: Call
) -> None:
    app = await make_app(web=ROUTES, setup=_custom)
    assert (await call(app, "GET", "/explode")).status == 500
    assert events == ["report:RuntimeError"]


async def test_global_middleware_error_is_500_and_reported_once(
    make_app: AppFactory, call: Call
) -> None:
    config = {"http": "middleware = [m.Explode]\n"}
    app = await make_app(web=ROUTES, config=config, setup=_custom)
    response = await call(app, "GET", "/missing", headers=JSON)
    assert (response.status, response.json()) == (500, {"message": "Server Error"})
    assert events == ["report:RuntimeError"]


async def test_dont_report_is_honoured(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, setup=_custom)
    assert (await call(app, "GET", "/quiet")).status == 500
    assert events == []


async def test_http_exceptions_are_not_reported(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, setup=_custom)
    assert (await call(app, "GET", "/missing")).status == 404
    assert (await call(app, "GET", "/nowhere")).status == 404
    assert (await call(app, "POST", "/crash")).status == 405
    assert events == []


async def test_render_override_is_used(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, setup=_custom)
    response = await call(app, "GET", "/teapot")
    assert (response.status, response.text) == (418, "custom: short and stout")
    assert events == ["report:TeapotError"]


async def test_render_none_falls_back_to_default(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, setup=_custom)
    response = await call(app, "GET", "/crash", headers=JSON)
    assert response.json() == {"message": "Server Error"}


async def test_async_hooks_are_awaited(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, setup=lambda app: app.with_exceptions(AsyncHandler))
    response = await call(app, "GET", "/teapot")
    assert (response.status, response.text) == (418, "async custom")
    assert events == ["async report:TeapotError"]


async def test_failing_hooks_fall_back_to_the_default(
    make_app: AppFactory, call: Call, caplog: pytest.LogCaptureFixture
) -> None:
    app = await make_app(web=ROUTES, setup=lambda app: app.with_exceptions(BrokenHandler))
    with caplog.at_level(logging.ERROR, logger="orionis"):
        response = await call(app, "GET", "/crash", headers=JSON)
    assert (response.status, response.json()) == (500, {"message": "Server Error"})
    assert events == ["report"]
    assert [record.getMessage() for record in caplog.records] == [
        "The exception handler's report() failed",
        "The exception handler's render() failed",
    ]
