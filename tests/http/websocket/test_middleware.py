"""WebSocket middleware through RSGI and ASGI: route and global chains, refusals, the origin
check, and the boot errors for middleware that cannot run where it is put."""

from __future__ import annotations

import pytest

from orionis.http.errors import MiddlewareError
from orionis.http.websocket import WebSocketSetupError
from orionis.testing import WebSocketRejected
from tests.http.websocket import handlers as h
from tests.http.websocket.conftest import AppFactory, Connect

ALIASES = 'middleware_groups = {"web": [], "api": []}\nmiddleware_aliases = {"trace": h.Trace}\n'


async def _refused(connect: Connect, app: object, path: str, **options: object) -> int:
    with pytest.raises(WebSocketRejected) as caught:
        async with connect(app, path, **options):
            pass
    return caught.value.status


async def test_route_middleware_wraps_the_connection_with_its_parameters(
    make_app: AppFactory, connect: Connect
) -> None:
    routes = 'Route.websocket("/ws", h.echo).middleware("trace:a,b")\n'
    app = await make_app(web=routes, http=ALIASES)
    async with connect(app, "/ws") as ws:
        await ws.send_text("x")
        assert await ws.receive_text() == "echo:x"
    assert h.events == [("trace:in", ("a", "b")), ("trace:out", ("a", "b"))]


async def test_group_middleware_and_global_middleware_run_outside_in(
    make_app: AppFactory, connect: Connect
) -> None:
    routes = """
    with Route.group(prefix="/ws", middleware=["trace:group"]):
        Route.websocket("/state", h.state_reader)
    """
    app = await make_app(web=routes, http=ALIASES, websockets="middleware = [h.Outer]\n")
    async with connect(app, "/ws/state") as ws:
        assert await ws.receive_json() == {"outer": True}
    assert h.events == ["outer", ("trace:in", ("group",)), ("trace:out", ("group",))]


async def test_a_middleware_refuses_by_not_calling_next_or_by_aborting(
    make_app: AppFactory, connect: Connect
) -> None:
    routes = """
    Route.websocket("/deny", h.echo).middleware(h.Deny)
    Route.websocket("/token", h.echo).middleware(h.RequireToken)
    """
    app = await make_app(web=routes)
    assert await _refused(connect, app, "/deny") == 403
    assert await _refused(connect, app, "/token") == 401
    async with connect(app, "/token", params={"token": "secret"}) as ws:
        await ws.send_text("in")
        assert await ws.receive_text() == "echo:in"


async def test_http_global_middleware_does_not_run_on_websockets(
    make_app: AppFactory, connect: Connect
) -> None:
    http = 'middleware_groups = {"web": [], "api": []}\nmiddleware = [h.HttpOnly]\n'
    app = await make_app(web='Route.websocket("/ws", h.echo)\n', http=http)
    async with connect(app, "/ws") as ws:
        await ws.send_text("x")
        assert await ws.receive_text() == "echo:x"


@pytest.mark.parametrize(
    ("headers", "websockets", "env", "accepted"),
    [
        ({}, "", "", True),  # no Origin: not a browser
        ({"origin": "http://localhost"}, "", "", True),  # same origin
        ({"origin": "HTTP://LOCALHOST:80"}, "", "", True),  # same origin, spelled out
        ({"origin": "http://localhost:8080"}, "", "", False),  # another port
        ({"origin": "https://localhost"}, "", "", False),  # another scheme
        ({"origin": "https://evil.example"}, "", "", False),
        ({"origin": "null"}, "", "", False),
        (
            {"origin": "https://app.example"},
            'allowed_origins = ["https://app.example:443"]\n',
            "",
            True,
        ),
        ({"origin": "https://evil.example"}, 'allowed_origins = ["*"]\n', "", True),
        ({"origin": "https://public.example"}, "", "APP_URL=https://public.example/\n", True),
    ],
)
async def test_the_origin_check(
    make_app: AppFactory,
    connect: Connect,
    headers: dict[str, str],
    websockets: str,
    env: str,
    accepted: bool,
) -> None:
    app_config = (
        'from orionis.config import env\nkey = env("APP_KEY", "")\nurl = env("APP_URL", "")\n'
    )
    app = await make_app(
        web='Route.websocket("/ws", h.echo)\n',
        websockets=websockets,
        env=env,
        config={"app": app_config},
    )
    if accepted:
        async with connect(app, "/ws", headers=headers) as ws:
            await ws.send_text("x")
            assert await ws.receive_text() == "echo:x"
    else:
        assert await _refused(connect, app, "/ws", headers=headers) == 403


async def test_the_origin_check_runs_before_any_middleware(
    make_app: AppFactory, connect: Connect
) -> None:
    routes = 'Route.websocket("/ws", h.echo).middleware("trace")\n'
    app = await make_app(web=routes, http=ALIASES, websockets="middleware = [h.Outer]\n")
    assert await _refused(connect, app, "/ws", headers={"origin": "https://evil.example"}) == 403
    assert h.events == []


async def test_a_user_middleware_without_handle_websocket_stops_boot(make_app: AppFactory) -> None:
    with pytest.raises(WebSocketSetupError) as caught:
        await make_app(web='Route.websocket("/ws", h.echo).middleware(h.HttpOnly)\n')
    message = str(caught.value)
    assert message.startswith("WebSocket route '/ws' (")
    assert "routes/web.py:3): middleware tests.http.websocket.handlers.HttpOnly has no " in message
    assert "Add `async def handle_websocket(self, websocket, next, *params) -> None`" in message
    assert "or leave it out of this route with `.without_middleware(HttpOnly)`." in message


async def test_without_middleware_is_the_fix(make_app: AppFactory, connect: Connect) -> None:
    routes = """
    with Route.group(middleware=[h.HttpOnly]):
        Route.get("/page", lambda: "page")
        Route.websocket("/ws", h.echo).without_middleware(h.HttpOnly)
    """
    app = await make_app(web=routes)
    async with connect(app, "/ws") as ws:
        await ws.send_text("x")
        assert await ws.receive_text() == "echo:x"


async def test_a_global_websocket_middleware_without_handle_websocket_stops_boot(
    make_app: AppFactory,
) -> None:
    with pytest.raises(WebSocketSetupError) as caught:
        await make_app(
            web='Route.websocket("/ws", h.echo)\n', websockets="middleware = [h.HttpOnly]\n"
        )
    message = str(caught.value)
    assert message.startswith("The WebSocket middleware of config/websockets.py: middleware ")
    assert "remove it from `middleware` in config/websockets.py." in message


async def test_a_websocket_only_middleware_on_an_http_route_stops_boot(
    make_app: AppFactory,
) -> None:
    with pytest.raises(MiddlewareError) as caught:
        await make_app(web='Route.get("/page", lambda: "x").middleware(h.SocketOnly)\n')
    message = str(caught.value)
    assert message.startswith("Route '/page' (")
    assert "SocketOnly has only handle_websocket(), so it cannot run on HTTP requests" in message
