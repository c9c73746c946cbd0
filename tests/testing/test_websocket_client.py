"""``client.websocket()``: the in-process WebSocket session on both kernels, and the plugin's
``client`` fixture using it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from orionis import Application
from orionis.foundation import Runtime
from orionis.http import WebSocketDisconnect
from orionis.routing import Router
from orionis.testing import (
    TestClient,
    TestingError,
    WebSocketRejected,
    create_application,
    instrument,
    isolated_process,
)
from orionis.testing.websocket_wire import RSGIWebSocketProto, Wire
from tests.testing.conftest import FILES, write_project

pytest_plugins = ["pytester"]

SOCKETS = """
from orionis.http import Request, Response, WebSocket, abort
from orionis.routing import Route


async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in websocket:
        await websocket.send_text(f"echo:{message}")


async def handshake(websocket: WebSocket, request: Request) -> None:
    await websocket.accept()
    await websocket.send_json({
        "header": websocket.headers.get("x-test"),
        "cookies": websocket.cookies,
        "subprotocols": websocket.subprotocols,
    })
    await websocket.receive()


async def silent(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.receive()


async def closer(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.close(4004, "gone")


async def guarded(websocket: WebSocket) -> None:
    abort(403, "No entry")


async def early(websocket: WebSocket) -> None:
    raise RuntimeError("early failure")


async def late(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.receive()
    raise RuntimeError("late failure")


class Blocker:
    async def handle(self, request: Request, next) -> Response:
        return await next(request)

    async def handle_websocket(self, websocket: WebSocket, next) -> None:
        abort(401)


Route.websocket("/ws/echo", echo)
Route.websocket("/ws/handshake", handshake)
Route.websocket("/ws/silent", silent)
Route.websocket("/ws/closer", closer)
Route.websocket("/ws/guarded", guarded)
Route.websocket("/ws/early", early)
Route.websocket("/ws/late", late)
Route.websocket("/ws/blocked", echo).middleware(Blocker)
"""

PROJECT = {
    **FILES,
    "bootstrap/app.py": """
        from pathlib import Path

        from orionis import Application

        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.with_routing(web=["routes/web.py", "routes/sockets.py"])
    """,
    "routes/sockets.py": SOCKETS,
}

both_kernels = pytest.mark.parametrize("kernel", ["rsgi", "asgi"])


@pytest.fixture
async def socket_app(tmp_path: Path) -> AsyncIterator[Application]:
    """The project, built and instrumented as the `app` fixture does; booted by the client."""
    root = write_project(tmp_path / "sockets", PROJECT)
    with isolated_process():
        app = create_application(root / "bootstrap" / "app.py")
        instrument(app)
        yield app
        await app.shutdown()


@both_kernels
async def test_messages_both_ways_and_the_close_code(socket_app: Application, kernel: str) -> None:
    async with TestClient(socket_app, kernel=kernel).websocket("/ws/echo") as ws:
        await ws.send_text("hi")
        assert await ws.receive_text() == "echo:hi"
    assert ws.close_code == 1000
    async with TestClient(socket_app, kernel=kernel).websocket("/ws/closer") as ws:
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
        with pytest.raises(WebSocketDisconnect):
            await ws.receive()  # still closed
        with pytest.raises(WebSocketDisconnect):
            await ws.send_text("too late")
    assert (caught.value.code, ws.close_code) == (4004, 4004)


@both_kernels
async def test_the_handshake_carries_the_clients_headers_cookies_and_subprotocols(
    socket_app: Application, kernel: str
) -> None:
    client = TestClient(socket_app, kernel=kernel).with_header("X-Test", "on")
    client.with_cookie("theme", "dark")
    session = client.websocket("/ws/handshake", cookies={"extra": "1"}, subprotocols=["a", "b"])
    async with session as ws:
        assert await ws.receive_json() == {
            "header": "on",
            "cookies": {"theme": "dark", "extra": "1"},
            "subprotocols": ["a", "b"],
        }
        assert ws.accepted_subprotocol is None


@both_kernels
async def test_a_refused_handshake_raises_websocket_rejected(
    socket_app: Application, kernel: str
) -> None:
    with pytest.raises(WebSocketRejected) as caught:
        async with TestClient(socket_app, kernel=kernel).websocket("/ws/guarded"):
            pass
    assert caught.value.status == 403
    assert str(caught.value).startswith("The WebSocket handshake to /ws/guarded was refused with")
    assert caught.value.body == (b"" if kernel == "rsgi" else b"Forbidden")


@both_kernels
async def test_waiting_for_a_message_that_never_comes_fails_clearly(
    socket_app: Application, kernel: str
) -> None:
    async with TestClient(socket_app, kernel=kernel).websocket("/ws/silent", timeout=0.05) as ws:
        with pytest.raises(TestingError) as caught:
            await ws.receive()
    assert str(caught.value).startswith("No message from the WebSocket /ws/silent within 0.05 s.")


@both_kernels
async def test_the_session_is_used_inside_async_with(socket_app: Application, kernel: str) -> None:
    session = TestClient(socket_app, kernel=kernel).websocket("/ws/echo")
    with pytest.raises(TestingError, match=r"async with client\.websocket"):
        await session.send_text("x")


@both_kernels
async def test_server_exceptions_are_recorded(socket_app: Application, kernel: str) -> None:
    async with TestClient(socket_app, kernel=kernel).websocket("/ws/late") as ws:
        await ws.send_text("go")
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 1011
    assert [str(error) for error in ws.exceptions] == ["late failure"]


@both_kernels
async def test_without_exception_handling_the_error_reaches_the_test(
    socket_app: Application, kernel: str
) -> None:
    client = TestClient(socket_app, kernel=kernel).without_exception_handling()
    with pytest.raises(RuntimeError, match="early failure"):
        async with client.websocket("/ws/early"):
            pass
    with pytest.raises(RuntimeError, match="late failure"):
        async with client.websocket("/ws/late") as ws:
            await ws.send_text("go")


@both_kernels
async def test_without_middleware_reaches_websocket_routes(
    socket_app: Application, kernel: str
) -> None:
    await socket_app.boot(Runtime.HTTP)
    route = next(r for r in socket_app.make(Router).websockets if r.path == "/ws/blocked")
    blocker = route.middleware[-1]
    async with TestClient(socket_app, kernel=kernel) as client:
        client.without_middleware(blocker)
        async with client.websocket("/ws/blocked") as ws:
            await ws.send_text("in")
            assert await ws.receive_text() == "echo:in"
    with pytest.raises(WebSocketRejected) as caught:
        async with TestClient(socket_app, kernel=kernel).websocket("/ws/blocked"):
            pass
    assert caught.value.status == 401


async def test_the_rsgi_fake_refuses_what_would_crash_granian() -> None:
    proto = RSGIWebSocketProto(Wire())
    with pytest.raises(TestingError, match=r"proto.close\(4001\) before accept\(\).*panic"):
        proto.close(4001)


def test_the_client_fixture_opens_websockets(
    pytester: pytest.Pytester, pytestconfig: pytest.Config
) -> None:
    write_project(pytester.path, PROJECT)
    ini = "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
    if pytestconfig.pluginmanager.get_plugin("orionis") is None:  # as in test_plugin.py
        ini += "addopts = -p orionis.testing.plugin\n"
    pytester.makeini(ini)
    pytester.makepyfile(
        test_sockets="""
        import pytest

        @pytest.mark.kernels("rsgi", "asgi")
        async def test_echo(client):
            async with client.websocket("/ws/echo") as ws:
                await ws.send_text("fixture")
                assert await ws.receive_text() == "echo:fixture"
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=2)
