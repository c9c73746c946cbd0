"""The WebSocket kernel through RSGI and ASGI: matching, 404/426, the connection cap, errors
before and after accept, undecided handshakes and the per-connection scope."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from orionis.foundation.application import Application
from orionis.http import WebSocketDisconnect
from orionis.http.websocket.kernel import WebSocketKernel
from orionis.testing import TestClient, WebSocketRejected
from tests.http.websocket import handlers as h
from tests.http.websocket.conftest import AppFactory, Connect

ROUTES = """
Route.websocket("/echo", h.echo)
Route.websocket("/never", h.never_accepts)
Route.websocket("/rejects", h.rejects)
Route.websocket("/aborts", h.aborts)
Route.websocket("/fails-early", h.fails_before_accept)
Route.websocket("/fails-late", h.fails_after_accept)
Route.websocket("/forbidden-late", h.forbidden_after_accept)
Route.websocket("/raises-disconnect", h.raises_disconnect)
Route.websocket("/single", h.SingleAction)
Route.get("/page", lambda: "page")
Route.websocket("/page", h.echo)
"""

Client = Callable[[Application], TestClient]


def _with_counting_handler(app: Application) -> None:
    app.with_exceptions(h.CountingHandler)


async def test_a_handshake_to_a_path_without_websocket_route_is_refused_404(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES + 'Route.get("/http-only", lambda: "x")\n')
    for path in ("/nowhere", "/http-only"):
        with pytest.raises(WebSocketRejected) as caught:
            async with connect(app, path):
                pass
        assert caught.value.status == 404


async def test_plain_http_to_a_websocket_only_path_gets_426(
    make_app: AppFactory, client: Client
) -> None:
    app = await make_app(web=ROUTES)
    for method in ("GET", "POST", "OPTIONS"):
        response = await client(app).request(method, "/echo")
        assert response.status == 426
        assert response.headers["upgrade"] == "websocket"
        assert "allow" not in response.headers


async def test_websocket_routes_never_appear_in_allow(make_app: AppFactory, client: Client) -> None:
    app = await make_app(web=ROUTES)
    options = await client(app).options("/page")
    assert options.status == 204
    assert options.headers["allow"] == "GET, HEAD, OPTIONS"
    not_allowed = await client(app).post("/page")
    assert not_allowed.status == 405
    assert not_allowed.headers["allow"] == "GET, HEAD, OPTIONS"
    assert (await client(app).get("/page")).text == "page"


async def test_an_http_and_a_websocket_route_share_a_path(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/page") as ws:
        await ws.send_text("socket")
        assert await ws.receive_text() == "echo:socket"


async def test_a_handler_that_neither_accepts_nor_refuses_is_refused_403(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES)
    with pytest.raises(WebSocketRejected) as caught:
        async with connect(app, "/never"):
            pass
    assert caught.value.status == 403
    assert h.events == ["ran"]


async def test_reject_and_abort_refuse_with_their_status(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES, setup=_with_counting_handler)
    for path, status in (("/rejects", 429), ("/aborts", 401)):
        with pytest.raises(WebSocketRejected) as caught:
            async with connect(app, path):
                pass
        assert caught.value.status == status
    assert h.CountingHandler.reported == []  # HTTP errors are answers, not reports


async def test_an_error_before_accept_refuses_500_reported_once_without_its_text(
    make_app: AppFactory, connect: Connect, interface: str
) -> None:
    app = await make_app(web=ROUTES, setup=_with_counting_handler)
    with pytest.raises(WebSocketRejected) as caught:
        async with connect(app, "/fails-early"):
            pass
    assert caught.value.status == 500
    assert b"secret" not in caught.value.body
    assert caught.value.body == (b"" if interface == "rsgi" else b"Internal Server Error")
    assert [str(error) for error in h.CountingHandler.reported] == ["secret database password"]


async def test_an_error_after_accept_closes_1011_reported_once(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES, setup=_with_counting_handler)
    async with connect(app, "/fails-late") as ws:
        await ws.send_text("go")
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 1011
    assert "secret" not in caught.value.reason
    assert [str(error) for error in h.CountingHandler.reported] == ["secret database password"]


async def test_an_http_error_after_accept_closes_1008_unreported(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES, setup=_with_counting_handler)
    async with connect(app, "/forbidden-late") as ws:
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 1008
    assert h.CountingHandler.reported == []


async def test_websocket_disconnect_raised_by_a_handler_is_a_normal_end(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES, setup=_with_counting_handler)
    async with connect(app, "/raises-disconnect") as ws:
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 4002
    assert h.CountingHandler.reported == []


async def test_connections_over_max_connections_are_refused_503_until_one_ends(
    make_app: AppFactory, connect: Connect, caplog: pytest.LogCaptureFixture
) -> None:
    app = await make_app(web=ROUTES, websockets="max_connections = 1\n")
    kernel: WebSocketKernel = app.make(WebSocketKernel)
    async with connect(app, "/echo") as first:
        assert kernel.active == 1
        with caplog.at_level(logging.WARNING, "orionis"):
            for _ in range(2):
                with pytest.raises(WebSocketRejected) as caught:
                    async with connect(app, "/echo"):
                        pass
                assert caught.value.status == 503
        assert next(r.message for r in caplog.records if "503" in r.message).startswith(
            "WebSocket connections refused with 503: this worker runs 1"
        )
        assert len([r for r in caplog.records if "503" in r.message]) == 1  # once per episode
        await first.send_text("still here")
        assert await first.receive_text() == "echo:still here"
    assert kernel.active == 0
    async with connect(app, "/echo") as again:
        await again.send_text("back")
        assert await again.receive_text() == "echo:back"


@pytest.mark.parametrize("path", ["/never", "/rejects", "/fails-early", "/fails-late"])
async def test_every_way_a_connection_ends_releases_its_slot(
    make_app: AppFactory, connect: Connect, path: str
) -> None:
    app = await make_app(web=ROUTES, websockets="max_connections = 1\n")
    try:
        async with connect(app, path) as ws:
            await ws.send_text("go")
            with pytest.raises(WebSocketDisconnect):
                await ws.receive()
    except WebSocketRejected:
        pass
    assert app.make(WebSocketKernel).active == 0
    async with connect(app, "/echo") as ws:
        await ws.send_text("ok")
        assert await ws.receive_text() == "echo:ok"


async def test_each_connection_has_its_own_scope(make_app: AppFactory, connect: Connect) -> None:
    app = await make_app(web=ROUTES, setup=lambda app: app.scoped(h.Tracker))
    seen = []
    for _ in range(2):
        async with connect(app, "/single") as ws:
            seen.append((await ws.receive_json())["tracker"])
    assert seen[0] != seen[1]
