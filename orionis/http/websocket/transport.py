"""The contract between a `WebSocket` and an interface adapter (``rsgi.py``, ``asgi.py``),
and the small helpers both adapters use to build the handshake request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from orionis.http.request import Address

__all__ = ["Message", "WebSocketTransport", "client_address", "empty_body"]

Message = str | bytes
"""An inbound or outbound message: text frames are ``str``, binary frames ``bytes``."""


class WebSocketTransport(Protocol):
    """What an interface adapter does for a `WebSocket`; it raises ``WebSocketDisconnect``
    once the peer is gone (1005 when the server gives no code, 1006 when it vanished)."""

    async def accept(self, subprotocol: str | None, headers: list[tuple[str, str]]) -> None: ...

    async def reject(self, status: int) -> None: ...

    async def receive(self) -> Message: ...

    async def send_text(self, data: str) -> None: ...

    async def send_bytes(self, data: bytes) -> None: ...

    async def close(self, code: int, reason: str) -> None: ...


async def empty_body() -> AsyncIterator[bytes]:
    """The body of a handshake request: nothing (a handshake is a GET without a body)."""
    nothing: tuple[bytes, ...] = ()
    for chunk in nothing:
        yield chunk


def client_address(raw: Address) -> tuple[str, int] | None:
    """``(host, port)`` from a server's client address (RSGI ``"host:port"``, ASGI a pair)."""
    if raw is None:
        return None
    if isinstance(raw, (tuple, list)):
        host, port = raw[0], raw[1]
        return str(host), int(port) if port is not None else 0
    host, separator, port = raw.rpartition(":")
    if not separator or not port.isdigit():
        return raw, 0
    return host.strip("[]"), int(port)
