"""The ASGI adapter, driven through ``app(scope, receive, send)``: subprotocols and headers,
refusals with and without the ``websocket.http.response`` extension, clients that leave."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from orionis.foundation.application import Application
from orionis.testing import TestClient, WebSocketRejected
from orionis.testing.websocket_wire import ASGIWebSocketServer, Wire, asgi_websocket_scope
from tests.http.websocket import handlers as h
from tests.http.websocket.conftest import AppFactory

ROUTES = """
Route.websocket("/echo", h.echo)
Route.websocket("/aborts", h.aborts)
Route.websocket("/subprotocol", h.with_subprotocol)
Route.websocket("/unoffered", h.unoffered_subprotocol)
Route.websocket("/push", h.pushes_until_gone)
"""


def _scope(path: str, *, extensions: bool = True) -> dict[str, Any]:
    url = httpx.URL(f"http://localhost{path}")
    scope = asgi_websocket_scope(url, [("host", "localhost")], ("127.0.0.1", 50000), [])
    if not extensions:
        del scope["extensions"]
    return scope


async def test_the_subprotocol_and_accept_headers_reach_the_client(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES)
    client = TestClient(app, kernel="asgi")
    async with client.websocket("/subprotocol", subprotocols=["v1", "chat"]) as ws:
        assert await ws.receive_text() == "chat"
        assert ws.accepted_subprotocol == "chat"
        assert ("x-server", "orionis") in ws.response_headers


async def test_a_subprotocol_the_client_did_not_offer_is_an_error(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES, setup=lambda app: app.with_exceptions(h.CountingHandler))
    with pytest.raises(WebSocketRejected) as caught:
        async with TestClient(app, kernel="asgi").websocket("/unoffered", subprotocols=["chat"]):
            pass
    assert caught.value.status == 500
    assert "the client offered chat" in str(h.CountingHandler.reported[0])


async def test_a_refusal_carries_its_status_and_phrase(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES)
    with pytest.raises(WebSocketRejected) as caught:
        async with TestClient(app, kernel="asgi").websocket("/aborts"):
            pass
    assert (caught.value.status, caught.value.body) == (401, b"Unauthorized")


async def test_without_the_response_extension_a_refusal_is_a_close(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES)
    wire = Wire()
    server = ASGIWebSocketServer(wire)
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        await server.send(message)

    await app(_scope("/aborts", extensions=False), server.receive, send)
    assert [message["type"] for message in sent] == ["websocket.close"]
    assert wire.handshake.result().status == 403  # what servers answer a close before accept


async def test_a_client_gone_before_the_answer_is_no_error(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTES, setup=lambda app: app.with_exceptions(h.CountingHandler))
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.disconnect", "code": 1001}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(_scope("/echo"), receive, send)
    assert sent == []
    assert h.CountingHandler.reported == []


async def test_a_send_that_raises_oserror_means_the_client_left(make_app: AppFactory) -> None:
    """uvicorn raises ClientDisconnected (an OSError) on a send after the client left."""
    app = await make_app(web=ROUTES, setup=lambda app: app.with_exceptions(h.CountingHandler))
    accepted = asyncio.Event()

    async def receive() -> dict[str, Any]:
        if not accepted.is_set():
            return {"type": "websocket.connect"}
        await asyncio.Event().wait()  # the client sends nothing more
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "websocket.accept":
            accepted.set()
        elif message["type"] == "websocket.send":
            raise OSError("client disconnected")

    await asyncio.wait_for(app(_scope("/push"), receive, send), 5)
    assert h.events == [("gone", 1006)]
    assert h.CountingHandler.reported == []


async def test_application_is_booted_by_a_first_websocket(make_app: AppFactory) -> None:
    app: Application = await make_app(web=ROUTES, boot=False)
    async with TestClient(app, kernel="asgi").websocket("/echo") as ws:
        await ws.send_text("boot")
        assert await ws.receive_text() == "echo:boot"
    assert app.is_booted()
