"""ASGI WebSocket messages behind the transport a `WebSocket` uses.

``websocket.accept`` carries the subprotocol and headers (Granian honours the subprotocol and
ignores the headers; uvicorn honours both). A refusal uses the ``websocket.http.response``
extension when the server offers it (Granian does), so the client gets the real status;
otherwise ``websocket.close`` before accept, which servers answer with 403.
"""

from __future__ import annotations

import contextlib
from http import HTTPStatus

from orionis.http.asgi import Message as AsgiMessage
from orionis.http.asgi import Receive, Scope, Send, scope_request
from orionis.http.websocket.transport import Message, client_address, empty_body
from orionis.http.websocket.websocket import WebSocket, WebSocketDisconnect, WebSocketLimits

__all__ = ["ASGIWebSocketTransport", "websocket_from_asgi"]

_HTTP_RESPONSE = "websocket.http.response"
_ABNORMAL = 1006


def websocket_from_asgi(
    scope: Scope, receive: Receive, send: Send, limits: WebSocketLimits
) -> WebSocket:
    """The `WebSocket` of an ASGI ``websocket`` scope; its handshake is a GET `Request`."""
    request = scope_request(scope, "GET", "ws", empty_body, 0)
    transport = ASGIWebSocketTransport(scope, receive, send)
    client = client_address(scope.get("client"))
    return WebSocket(request, transport, interface="asgi", client=client, limits=limits)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


class ASGIWebSocketTransport:
    """The ASGI WebSocket messages; ``websocket.connect`` is read before the first answer."""

    __slots__ = ("_connected", "_receive", "_scope", "_send")

    def __init__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self._scope = scope
        self._receive = receive
        self._send = send
        self._connected = False

    async def accept(self, subprotocol: str | None, headers: list[tuple[str, str]]) -> None:
        """Send ``websocket.accept`` with the subprotocol and headers."""
        await self._connect()
        encoded = [
            (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers
        ]
        await self._deliver(
            {"type": "websocket.accept", "subprotocol": subprotocol, "headers": encoded}
        )

    async def reject(self, status: int) -> None:
        """Refuse the handshake with ``status`` (403 when the server has no response extension)."""
        try:
            await self._connect()
        except WebSocketDisconnect:
            return  # the client left before the answer: there is no one to refuse
        extensions = self._scope.get("extensions") or {}
        if _HTTP_RESPONSE not in extensions:
            await self._deliver({"type": "websocket.close", "code": 1000})
            return
        body = _phrase(status).encode()
        headers = [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
        ]
        await self._deliver(
            {"type": f"{_HTTP_RESPONSE}.start", "status": status, "headers": headers}
        )
        await self._deliver({"type": f"{_HTTP_RESPONSE}.body", "body": body})

    async def receive(self) -> Message:
        """The next text or bytes message; `WebSocketDisconnect` with the client's code."""
        while True:
            message = await self._receive()
            kind = message["type"]
            if kind == "websocket.receive":
                text = message.get("text")
                if text is not None:
                    data: Message = text
                    return data
                return bytes(message.get("bytes") or b"")
            if kind == "websocket.disconnect":
                raise WebSocketDisconnect(message.get("code", 1005), message.get("reason") or "")

    async def send_text(self, data: str) -> None:
        """Send a text message."""
        await self._deliver({"type": "websocket.send", "text": data})

    async def send_bytes(self, data: bytes) -> None:
        """Send a binary message."""
        await self._deliver({"type": "websocket.send", "bytes": data})

    async def close(self, code: int, reason: str) -> None:
        """Send ``websocket.close`` with the code and reason (the client receives both)."""
        # Closing a connection the client already left is nothing to report.
        with contextlib.suppress(WebSocketDisconnect):
            await self._deliver({"type": "websocket.close", "code": code, "reason": reason})

    async def _connect(self) -> None:
        if self._connected:
            return
        self._connected = True
        message = await self._receive()
        if message["type"] == "websocket.disconnect":
            raise WebSocketDisconnect(message.get("code", 1005), message.get("reason") or "")

    async def _deliver(self, message: AsgiMessage) -> None:
        try:
            await self._send(message)
        except OSError:
            # uvicorn raises ClientDisconnected (an OSError) once the client is gone.
            raise WebSocketDisconnect(_ABNORMAL) from None
