"""In-memory stand-ins for a server's WebSocket side: Granian's RSGI protocol objects and an
ASGI server's ``receive``/``send``, joined to the test session by a `Wire`.

They behave as Granian 2.8.7 was measured to: RSGI ``accept()`` takes no arguments; RSGI
``close(status)`` before accept answers the handshake with that HTTP status and refuses
anything outside 100-599 (the real worker dies on it); a client's close reaches an RSGI app as
a kind-0 message without data or code; sends after that raise ``ProtocolClosed``. Unlike the
real server, the fakes keep the close code an RSGI app gives, so tests can check it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import httpx
from granian.rsgi import ProtocolClosed  # type: ignore[attr-defined]  # re-exported, no __all__

from orionis.http.websocket import Message
from orionis.testing.errors import TestingError
from orionis.testing.rsgi import RSGIHeaders

__all__ = [
    "ASGIWebSocketServer",
    "Closed",
    "Handshake",
    "RSGIWebSocketProto",
    "RSGIWebSocketScope",
    "Wire",
    "asgi_websocket_scope",
]


@dataclass(frozen=True, slots=True)
class Closed:
    """A close frame: from the client (to the app) or from the app (to the client)."""

    code: int
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Handshake:
    """How the application answered the handshake."""

    accepted: bool
    status: int = 101
    subprotocol: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


_APP_CLOSED = Closed(-1)  # wakes an application waiting for a message after it closed


class Wire:
    """Both directions of one in-memory connection, and the handshake's outcome."""

    def __init__(self) -> None:
        self.to_app: asyncio.Queue[Message | Closed] = asyncio.Queue()
        self.to_client: asyncio.Queue[Message | Closed] = asyncio.Queue()
        self.handshake: asyncio.Future[Handshake] = asyncio.get_running_loop().create_future()
        self.client_closed: Closed | None = None
        self.app_closed: Closed | None = None

    def answer(self, handshake: Handshake) -> None:
        """The application accepted or refused the handshake."""
        if self.handshake.done():
            raise TestingError(
                "The application answered the WebSocket handshake twice "
                f"({self.handshake.result()} then {handshake})."
            )
        self.handshake.set_result(handshake)

    def close_from_app(self, code: int, reason: str) -> None:
        """The application closed the connection."""
        if self.app_closed is None:
            self.app_closed = Closed(code, reason)
            self.to_client.put_nowait(self.app_closed)
            self.to_app.put_nowait(_APP_CLOSED)

    def close_from_client(self, code: int, reason: str) -> None:
        """The client closed the connection."""
        if self.client_closed is None:
            self.client_closed = Closed(code, reason)
            self.to_app.put_nowait(self.client_closed)

    @property
    def over(self) -> bool:
        """True once either side closed."""
        return self.client_closed is not None or self.app_closed is not None


# --------------------------------------------------------------------------------- RSGI


class RSGIWebSocketScope:
    """An RSGI ``ws`` scope as Granian fills it (its scheme reads ``http``/``https``)."""

    proto = "ws"
    rsgi_version = "1.5"
    http_version = "1.1"
    method = "GET"

    def __init__(self, url: httpx.URL, headers: list[tuple[str, str]], client: str) -> None:
        self.scheme = "https" if url.scheme in ("https", "wss") else "http"
        self.path = url.path
        self.query_string = url.query.decode("latin-1")
        self.headers = RSGIHeaders(headers)
        self.client = client
        self.server = f"{url.host}:{url.port or (443 if self.scheme == 'https' else 80)}"
        self.authority: str | None = None


class _Frame:
    __slots__ = ("data", "kind")

    def __init__(self, data: Message) -> None:
        self.kind = 2 if isinstance(data, str) else 1
        self.data = data


class _ClosedFrame:
    """What Granian gives for the client's close: kind 0, no data, no code."""

    __slots__ = ("kind",)

    def __init__(self) -> None:
        self.kind = 0


class _RSGIChannel:
    """The object Granian's ``proto.accept()`` returns."""

    def __init__(self, wire: Wire) -> None:
        self._wire = wire
        self._told_closed = False

    async def receive(self) -> _Frame | _ClosedFrame:
        if self._told_closed:
            raise ProtocolClosed("RSGI transport is closed")
        item = await self._wire.to_app.get()
        if isinstance(item, Closed):
            self._told_closed = True
            if item is _APP_CLOSED:
                raise ProtocolClosed("RSGI transport is closed")
            return _ClosedFrame()
        return _Frame(item)

    async def send_str(self, data: str) -> None:
        await self._send(str(data))

    async def send_bytes(self, data: bytes) -> None:
        await self._send(bytes(data))

    async def _send(self, data: Message) -> None:
        if self._wire.over:
            raise ProtocolClosed("RSGI transport is closed")
        self._wire.to_client.put_nowait(data)
        await asyncio.sleep(0)  # a real transport yields to the loop on every write


class RSGIWebSocketProto:
    """Granian's RSGI WebSocket protocol object."""

    def __init__(self, wire: Wire) -> None:
        self._wire = wire
        self._accepted = False
        self._closed = False

    async def accept(self) -> _RSGIChannel:
        if self._accepted or self._closed:
            raise TestingError("The application called RSGI accept() twice, or after close().")
        self._accepted = True
        self._wire.answer(Handshake(accepted=True))
        return _RSGIChannel(self._wire)

    def close(self, status: int | None = None) -> None:
        if self._closed:
            return
        self._closed = True
        if self._accepted:
            self._wire.close_from_app(status or 1000, "")
            return
        if status is None or not 100 <= status <= 599:
            raise TestingError(
                f"The application called RSGI proto.close({status}) before accept(): Granian "
                "answers the handshake with that value as HTTP status, and a value outside "
                "100-599 makes its worker panic. Reject with an HTTP status (403...)."
            )
        self._wire.answer(Handshake(accepted=False, status=status))


# --------------------------------------------------------------------------------- ASGI


def asgi_websocket_scope(
    url: httpx.URL,
    headers: list[tuple[str, str]],
    client: tuple[str, int],
    subprotocols: list[str],
) -> dict[str, Any]:
    """An ASGI ``websocket`` scope as Granian fills it, with the http.response extension."""
    secure = url.scheme in ("https", "wss")
    return {
        "type": "websocket",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "scheme": "wss" if secure else "ws",
        "server": (url.host, url.port or (443 if secure else 80)),
        "client": client,
        "root_path": "",
        "path": url.path,
        "raw_path": url.raw_path.split(b"?")[0],
        "query_string": url.query,
        "headers": [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers],
        "subprotocols": subprotocols,
        "extensions": {"websocket.http.response": {}},
    }


class ASGIWebSocketServer:
    """An ASGI server's ``receive`` and ``send`` for one WebSocket connection."""

    def __init__(self, wire: Wire) -> None:
        self._wire = wire
        self._connected = False
        self._accepted = False
        self._status: int | None = None
        self._headers: list[tuple[str, str]] = []
        self._body: list[bytes] = []

    async def receive(self) -> dict[str, Any]:
        if not self._connected:
            self._connected = True
            return {"type": "websocket.connect"}
        item = await self._wire.to_app.get()
        if isinstance(item, Closed):
            closed = self._wire.app_closed if item is _APP_CLOSED else item
            assert closed is not None
            return {"type": "websocket.disconnect", "code": closed.code, "reason": closed.reason}
        if isinstance(item, str):
            return {"type": "websocket.receive", "text": item}
        return {"type": "websocket.receive", "bytes": item}

    async def send(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind == "websocket.accept":
            self._accept(message)
        elif kind == "websocket.send":
            self._send(message)
        elif kind == "websocket.close":
            if self._accepted:
                self._wire.close_from_app(message.get("code", 1000), message.get("reason") or "")
            else:
                self._wire.answer(Handshake(accepted=False, status=403))
        elif kind == "websocket.http.response.start":
            self._status = message["status"]
            self._headers = [
                (k.decode("latin-1"), v.decode("latin-1")) for k, v in message["headers"]
            ]
        elif kind == "websocket.http.response.body":
            self._respond(message)
        else:
            raise TestingError(f"The application sent the unknown ASGI message {kind!r}.")
        await asyncio.sleep(0)

    def _accept(self, message: dict[str, Any]) -> None:
        if self._accepted or self._wire.handshake.done():
            raise TestingError("The application sent websocket.accept twice, or after closing.")
        self._accepted = True
        headers = [
            (k.decode("latin-1"), v.decode("latin-1")) for k, v in message.get("headers", [])
        ]
        subprotocol = message.get("subprotocol")
        self._wire.answer(Handshake(accepted=True, subprotocol=subprotocol, headers=headers))

    def _send(self, message: dict[str, Any]) -> None:
        if not self._accepted:
            raise TestingError("The application sent websocket.send before websocket.accept.")
        if self._wire.over:
            return  # Granian drops sends after the connection closed (measured)
        text = message.get("text")
        self._wire.to_client.put_nowait(text if text is not None else bytes(message["bytes"]))

    def _respond(self, message: dict[str, Any]) -> None:
        if self._status is None:
            raise TestingError(
                "The application sent websocket.http.response.body before its .start message."
            )
        self._body.append(bytes(message.get("body", b"")))
        if not message.get("more_body", False):
            body = b"".join(self._body)
            self._wire.answer(
                Handshake(accepted=False, status=self._status, headers=self._headers, body=body)
            )
