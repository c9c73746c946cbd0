"""RSGI (Granian) WebSocket calls behind the transport a `WebSocket` uses.

What Granian 2.8.7 does, measured: ``proto.accept()`` takes no subprotocol and no headers;
``proto.close(status)`` before accept answers the handshake with that HTTP status (a value
outside 100-599 there kills the worker, so only `reject` calls it then); after accept it sends
a close frame without the code (clients read 1005), and only once the handler has returned and
the channel ``accept()`` gave is no longer referenced. A message of kind 0 means the client
closed, and carries neither data nor a close code. The scope says ``scheme="http"`` for ws.
"""

from __future__ import annotations

from typing import Any, Protocol

from orionis.http.request import Request, ServerScope
from orionis.http.rsgi import _is_closed
from orionis.http.websocket.errors import WebSocketError
from orionis.http.websocket.transport import Message, client_address, empty_body
from orionis.http.websocket.websocket import WebSocket, WebSocketDisconnect, WebSocketLimits

__all__ = [
    "RSGIWebSocketChannel",
    "RSGIWebSocketProtocol",
    "RSGIWebSocketTransport",
    "websocket_from_rsgi",
]

# What the application reads when the peer vanished without a close frame.
_ABNORMAL = 1006


class RSGIWebSocketChannel(Protocol):
    """The object ``proto.accept()`` returns."""

    async def receive(self) -> Any: ...

    async def send_bytes(self, data: bytes, /) -> None: ...

    async def send_str(self, data: str, /) -> None: ...


class RSGIWebSocketProtocol(Protocol):
    """The calls of Granian's RSGI WebSocket protocol object."""

    async def accept(self) -> RSGIWebSocketChannel: ...

    def close(self, status: int | None, /) -> Any: ...


def websocket_from_rsgi(
    scope: ServerScope, proto: RSGIWebSocketProtocol, limits: WebSocketLimits
) -> WebSocket:
    """The `WebSocket` of an RSGI ``ws`` call; its handshake is a GET `Request`."""
    request = Request.from_scope(scope, empty_body, 0)
    request.scheme = "wss" if scope.scheme == "https" else "ws"
    transport = RSGIWebSocketTransport(proto)
    client = client_address(scope.client)
    return WebSocket(request, transport, interface="rsgi", client=client, limits=limits)


class RSGIWebSocketTransport:
    """Accept, receive, send and close through Granian's protocol; ``proto.close`` is called
    exactly once, whichever side ends the connection."""

    __slots__ = ("_channel", "_done", "_proto")

    def __init__(self, proto: RSGIWebSocketProtocol) -> None:
        self._proto = proto
        self._channel: RSGIWebSocketChannel | None = None
        self._done = False

    async def accept(self, subprotocol: str | None, headers: list[tuple[str, str]]) -> None:
        """Open the connection; RSGI cannot send a subprotocol or headers with it."""
        if subprotocol is not None or headers:
            what = f"subprotocol={subprotocol!r}" if subprotocol is not None else "headers"
            raise WebSocketError(
                f"accept({what}) cannot be honoured over RSGI: Granian's RSGI interface "
                "accepts a WebSocket without a subprotocol or extra headers. Serve with "
                "--interface asgi to use them, or call accept() without them."
            )
        self._channel = await self._proto.accept()

    async def reject(self, status: int) -> None:
        """Answer the handshake with HTTP ``status`` (400-599, checked by the WebSocket)."""
        self._finish(status)

    async def receive(self) -> Message:
        """The next message; `WebSocketDisconnect` (1005: RSGI gives no code) once closed."""
        channel = self._channel
        assert channel is not None, "WebSocket.receive() checks that the connection is open"
        try:
            message = await channel.receive()
        except RuntimeError as error:
            if not _is_closed(error):
                raise
            raise self._lost() from None
        if message.kind:  # 1 bytes, 2 str; 0 (close) has no data
            data: Message = message.data
            return data
        self._finish(1000)  # the client closed: this side is done as well
        raise WebSocketDisconnect(1005)

    async def send_text(self, data: str) -> None:
        """Send a text frame."""
        channel = self._channel
        assert channel is not None, "WebSocket.send_text() checks that the connection is open"
        try:
            await channel.send_str(data)
        except RuntimeError as error:
            if not _is_closed(error):
                raise
            raise self._lost() from None

    async def send_bytes(self, data: bytes) -> None:
        """Send a binary frame."""
        channel = self._channel
        assert channel is not None, "WebSocket.send_bytes() checks that the connection is open"
        try:
            await channel.send_bytes(data)
        except RuntimeError as error:
            if not _is_closed(error):
                raise
            raise self._lost() from None

    async def close(self, code: int, reason: str) -> None:
        """Close the connection; Granian sends the frame without ``code`` and ``reason``."""
        self._finish(code)

    def _lost(self) -> WebSocketDisconnect:
        # Granian's ProtocolClosed: the peer went away without a close frame.
        self._finish(1000)
        return WebSocketDisconnect(_ABNORMAL)

    def _finish(self, status: int) -> None:
        if not self._done:
            self._done = True
            self._proto.close(status)
            # Granian sends the close frame once the handler has returned and this channel is
            # released: a WebSocket still held after its end (in a list of clients, a
            # broadcast channel, a context some task copied) must not keep it open.
            self._channel = None
