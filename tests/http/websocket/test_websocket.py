"""The WebSocket object as a handler uses it, through RSGI and ASGI: messages, the handshake's
facts, closing, limits and calls made out of order."""

from __future__ import annotations

import pytest

from orionis.http import WebSocketDisconnect
from orionis.testing import WebSocketRejected
from tests.http.websocket import handlers as h
from tests.http.websocket.conftest import AppFactory, Connect

ROUTES = """
Route.websocket("/echo", h.echo)
Route.websocket("/json", h.echo_json)
Route.websocket("/text", h.text_only)
Route.websocket("/bytes", h.bytes_only)
Route.websocket("/bye", h.bye)
Route.websocket("/hello", h.hello_then_return)
Route.websocket("/describe", h.describe)
Route.websocket("/misuse", h.misuse)
Route.websocket("/items/{id}", h.typed_item)
Route.websocket("/closes-early", h.closes_before_accept)
"""


async def test_echo_text_and_bytes(make_app: AppFactory, connect: Connect) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/echo") as ws:
        await ws.send_text("hi")
        assert await ws.receive_text() == "echo:hi"
        await ws.send_bytes(b"\x00\xffraw")
        assert await ws.receive_bytes() == b"\x00\xffraw"
        await ws.send_text("again")
        assert await ws.receive() == "echo:again"


async def test_echo_json(make_app: AppFactory, connect: Connect) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/json") as ws:
        await ws.send_json({"n": 1, "tags": ["a", "é"]})
        assert await ws.receive_json() == {"got": {"n": 1, "tags": ["a", "é"]}}


async def test_invalid_json_closes_with_1003(make_app: AppFactory, connect: Connect) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/json") as ws:
        await ws.send_text("{not json")
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 1003
    assert ws.close_code == 1003


@pytest.mark.parametrize(("path", "wrong"), [("/text", b"binary"), ("/bytes", "text")])
async def test_a_message_of_the_wrong_kind_closes_with_1003(
    make_app: AppFactory, connect: Connect, path: str, wrong: str | bytes
) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, path) as ws:
        await (ws.send_bytes(wrong) if isinstance(wrong, bytes) else ws.send_text(wrong))
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 1003


async def test_close_code_and_reason_reach_the_client(
    make_app: AppFactory, connect: Connect, interface: str
) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/bye") as ws:
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 4001
    # Granian's RSGI close carries no reason (nor code, on the wire): the fake keeps the code.
    assert caught.value.reason == ("" if interface == "rsgi" else "bye")
    assert h.events == [("close_code", 4001, True)]


async def test_a_handler_returning_with_the_socket_open_closes_it_with_1000(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/hello") as ws:
        assert await ws.receive_text() == "hello"
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 1000


async def test_close_before_accept_refuses_with_403(make_app: AppFactory, connect: Connect) -> None:
    app = await make_app(web=ROUTES)
    with pytest.raises(WebSocketRejected) as caught:
        async with connect(app, "/closes-early"):
            pass
    assert caught.value.status == 403


async def test_the_handshake_facts(make_app: AppFactory, connect: Connect, interface: str) -> None:
    app = await make_app(web=ROUTES)
    session = connect(
        app,
        "/describe",
        params={"q": "search"},
        headers={"X-Test": "yes"},
        cookies={"theme": "dark"},
        subprotocols=["chat", "v2"],
    )
    async with session as ws:
        facts = await ws.receive_json()
    assert facts == {
        "path": "/describe",
        "query": "search",
        "header": "yes",
        "cookies": {"theme": "dark"},
        "client": ["127.0.0.1", 50000],
        "subprotocols": ["chat", "v2"],
        "interface": interface,
        "scheme": "ws",
        "same_request": True,
        "accepted": True,
    }


async def test_route_values_are_converted_to_the_annotated_type(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/items/42") as ws:
        assert await ws.receive_json() == {"id": 42, "type": "int"}


async def test_a_value_the_annotation_refuses_is_a_404(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES)
    with pytest.raises(WebSocketRejected) as caught:
        async with connect(app, "/items/abc"):
            pass
    assert caught.value.status == 404


async def test_calls_out_of_order_raise_errors_that_say_the_fix(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/misuse") as ws:
        problems = await ws.receive_json()
    too_early, twice, reject_late, reserved, long_reason = problems
    assert "send_text() on the WebSocket /misuse before accept()" in too_early
    assert "await websocket.accept()" in too_early
    assert "accept() on the WebSocket /misuse that is already open" in twice
    assert "Reject before accept(); afterwards end it with close()" in reject_late
    assert "close(1005) on /misuse: use 1000 (normal)" in reserved
    assert "longer than the 123 bytes a close frame holds" in long_reason


@pytest.mark.parametrize(
    ("limit", "message", "closed"),
    [
        (8, "x" * 8, False),
        (8, "x" * 9, True),
        (8, "é" * 4, False),  # 8 bytes in UTF-8
        (8, "é" * 5, True),  # 5 characters, 10 bytes
        (8, b"\x00" * 9, True),
    ],
)
async def test_a_message_over_max_message_size_closes_with_1009(
    make_app: AppFactory, connect: Connect, limit: int, message: str | bytes, closed: bool
) -> None:
    app = await make_app(web=ROUTES, websockets=f"max_message_size = {limit}\n")
    async with connect(app, "/echo") as ws:
        await (ws.send_bytes(message) if isinstance(message, bytes) else ws.send_text(message))
        if not closed:
            assert await ws.receive_text() == f"echo:{message!s}"
            return
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert (caught.value.code, ws.close_code) == (1009, 1009)


async def test_a_connection_idle_for_idle_timeout_closes_with_1001(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES, websockets="idle_timeout = 0.01\n")
    async with connect(app, "/echo") as ws:
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 1001


async def test_idle_timeout_zero_switches_it_off(make_app: AppFactory, connect: Connect) -> None:
    app = await make_app(web=ROUTES, websockets="idle_timeout = 0\nmax_message_size = 0\n")
    async with connect(app, "/echo") as ws:
        await ws.send_text("x" * 2_000_000)
        assert len(await ws.receive_text()) == 2_000_005
