"""The RSGI adapter, driven through ``app.__rsgi__`` with Granian-shaped fakes: what reaches
Granian's ``proto.close``, the client's close, subprotocols, and a client that vanished."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Sequence
from typing import Any

import httpx
import pytest

from orionis.foundation.application import Application
from orionis.http.websocket import WebSocketError
from orionis.testing import TestClient, WebSocketRejected
from orionis.testing.websocket_wire import RSGIWebSocketProto, RSGIWebSocketScope, Wire
from tests.http.websocket import handlers as h
from tests.http.websocket.conftest import AppFactory

ROUTES = """
Route.websocket("/echo", h.echo)
Route.websocket("/rejects", h.rejects)
Route.websocket("/closes-early", h.closes_before_accept)
Route.websocket("/fails-early", h.fails_before_accept)
Route.websocket("/bye", h.bye)
Route.websocket("/subprotocol", h.with_subprotocol)
Route.websocket("/push", h.pushes_until_gone)
Route.websocket("/describe", h.describe)
"""


class RecordingProto(RSGIWebSocketProto):
    """Notes every status the application gives Granian's ``proto.close``."""

    def __init__(self, wire: Wire) -> None:
        super().__init__(wire)
        self.closes: list[int | None] = []

    def close(self, status: int | None = None) -> None:
        self.closes.append(status)
        super().close(status)


async def _serve(
    app: Application, path: str, *, client_sends: Sequence[str] = ()
) -> RecordingProto:
    """One RSGI connection: the client sends ``client_sends`` once accepted, then closes."""
    wire = Wire()
    proto = RecordingProto(wire)
    url = httpx.URL(f"http://localhost{path}")
    scope = RSGIWebSocketScope(url, [("host", "localhost")], "127.0.0.1:50000")
    task = asyncio.ensure_future(app.__rsgi__(scope, proto))
    handshake = await asyncio.wait_for(wire.handshake, 5)
    if handshake.accepted:
        for message in client_sends:
            wire.to_app.put_nowait(message)
        wire.close_from_client(1000, "")
    await asyncio.wait_for(task, 5)
    return proto


@pytest.mark.parametrize(
    ("path", "status"),
    [("/rejects", 429), ("/closes-early", 403), ("/fails-early", 500), ("/nowhere", 404)],
)
async def test_a_refusal_reaches_granian_as_one_http_status(
    make_app: AppFactory, path: str, status: int
) -> None:
    app = await make_app(web=ROUTES)
    proto = await _serve(app, path)
    assert proto.closes == [status]


async def test_the_connection_cap_refuses_with_503(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES, websockets="max_connections = 1\n")
    async with TestClient(app, kernel="rsgi").websocket("/echo"):
        proto = await _serve(app, "/echo")
    assert proto.closes == [503]


async def test_the_server_close_code_is_given_to_proto_close_once(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES)
    proto = await _serve(app, "/bye")
    assert proto.closes == [4001]


async def test_a_client_close_ends_the_connection_with_one_proto_close(
    make_app: AppFactory,
) -> None:
    app = await make_app(web=ROUTES)
    proto = await _serve(app, "/echo", client_sends=["a", "b"])
    assert proto.closes == [1000]


async def test_a_subprotocol_cannot_be_accepted_over_rsgi(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES, setup=lambda app: app.with_exceptions(h.CountingHandler))
    client = TestClient(app, kernel="rsgi")
    with pytest.raises(WebSocketRejected) as caught:
        async with client.websocket("/subprotocol", subprotocols=["chat"]):
            pass
    assert caught.value.status == 500
    (error,) = h.CountingHandler.reported
    assert isinstance(error, WebSocketError)
    assert "accept(subprotocol='chat') cannot be honoured over RSGI" in str(error)
    assert "Serve with --interface asgi to use them" in str(error)


async def test_a_send_to_a_client_that_left_ends_the_handler_normally(
    make_app: AppFactory,
) -> None:
    app = await make_app(web=ROUTES, setup=lambda app: app.with_exceptions(h.CountingHandler))
    async with TestClient(app, kernel="rsgi").websocket("/push") as ws:
        assert await ws.receive_text() == "tick"
    assert h.events == [("gone", 1006)]
    assert h.CountingHandler.reported == []


@pytest.mark.parametrize(
    ("base_url", "scheme"), [("http://localhost", "ws"), ("https://localhost", "wss")]
)
async def test_granians_http_scheme_becomes_ws(
    make_app: AppFactory, base_url: str, scheme: str
) -> None:
    app = await make_app(web=ROUTES)
    async with TestClient(app, kernel="rsgi", base_url=base_url).websocket("/describe") as ws:
        assert (await ws.receive_json())["scheme"] == scheme


KEEPERS = """
async def keeps(websocket):
    await websocket.accept()
    h.events.append(websocket)
    await websocket.receive()


async def keeps_and_closes(websocket):
    await websocket.accept()
    h.events.append(websocket)
    await websocket.close(4000)


Route.websocket("/keeps", keeps)
Route.websocket("/keeps-and-closes", keeps_and_closes)
"""


class ChannelProto(RecordingProto):
    """Keeps a weak reference to the channel its ``accept()`` hands the application."""

    def __init__(self, wire: Wire) -> None:
        super().__init__(wire)
        self.channels: list[weakref.ref[object]] = []

    async def accept(self) -> Any:
        channel = await super().accept()
        self.channels.append(weakref.ref(channel))
        return channel


@pytest.mark.parametrize("path", ["/keeps", "/keeps-and-closes"])
async def test_a_websocket_kept_after_its_end_lets_go_of_granians_channel(
    make_app: AppFactory, path: str
) -> None:
    # Granian 2.8.7 sends the close frame once the handler has returned and the channel
    # accept() gave is released: a WebSocket kept in a list, a broadcast channel or a context
    # some task copied must not keep the client waiting for it.
    app = await make_app(web=KEEPERS)
    wire = Wire()
    proto = ChannelProto(wire)
    scope = RSGIWebSocketScope(httpx.URL(f"http://localhost{path}"), [], "127.0.0.1:50000")
    task = asyncio.ensure_future(app.__rsgi__(scope, proto))
    await asyncio.wait_for(wire.handshake, 5)
    wire.close_from_client(1000, "")
    await asyncio.wait_for(task, 5)
    gc.collect()

    assert len(h.events) == 1 and h.events[0].closed
    assert proto.channels[0]() is None
