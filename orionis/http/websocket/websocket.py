"""`WebSocket`: one connection, the same object under RSGI and ASGI.

The handshake arrives as an ordinary `Request` (``websocket.request``): headers, query,
cookies, route parameters and the per-connection ``state`` are the request's, so middleware
and scoped services read them the way they do over HTTP. The interface adapters
(``rsgi.py`` and ``asgi.py`` next to this module) give the connection a transport; everything
above it is interface-free.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import orjson

from orionis.http.exceptions import UnserializableJsonError
from orionis.http.headers import Headers
from orionis.http.multi_dict import QueryParams
from orionis.http.request import Request
from orionis.http.websocket.errors import WebSocketError
from orionis.http.websocket.transport import Message, WebSocketTransport

__all__ = [
    "WebSocket",
    "WebSocketDisconnect",
    "WebSocketLimits",
    "WebSocketState",
    "close_quietly",
]

_TOO_BIG = "message too big"
_IDLE = "idle timeout"
# Close codes an application may send (RFC 6455 7.4): 1004-1006 and 1015 are reserved.
_RESERVED_CODES = frozenset({1004, 1005, 1006, 1015})


class WebSocketState(enum.Enum):
    """Where a connection is: handshake unanswered, accepted, or over (closed or rejected)."""

    CONNECTING = "connecting"
    OPEN = "open"
    CLOSED = "closed"


class WebSocketDisconnect(Exception):  # noqa: N818 - a normal end, not an error
    """The connection is over: the client left, the server closed it, or a limit did.

    Not an error (hence not an ``OrionisError``): ``receive()`` raises it when the client is
    gone, sends raise it on a closed connection, and a handler that raises it ends its
    connection normally (closed with ``code`` if still open). ``code`` is the close code:
    1000 normal, 1001 idle timeout, 1003 unusable message, 1009 message too big. Over RSGI
    (Granian) a client's own close code does not reach the application: it reads 1005.
    """

    def __init__(self, code: int = 1000, reason: str = "") -> None:
        super().__init__(code, reason)
        self.code = code
        self.reason = reason

    def __str__(self) -> str:
        return f"WebSocket closed ({self.code}{': ' + self.reason if self.reason else ''})"


@dataclass(frozen=True, slots=True)
class WebSocketLimits:
    """Per-connection limits from ``config/websockets.py``; 0 switches one off.

    Granian reads a whole frame before the application sees it and sets no size limit of its
    own, so ``max_message_size`` keeps large messages from the application (closing with
    1009), not from the server's memory. ``idle_timeout`` counts while a handler waits in
    ``receive()``; a handler that only sends is not timed.
    """

    max_message_size: int = 1024 * 1024
    idle_timeout: float = 300.0


class WebSocket:
    """One WebSocket connection: ``await websocket.accept()``, ``receive()``, ``send_*()``.

    ``client`` is the client's ``(host, port)`` (None when the server does not say);
    ``interface`` is ``"rsgi"`` or ``"asgi"``; ``close_code``/``close_reason`` say how the
    connection ended (the server's code, or the client's as received).

    ``close(code, reason)`` keeps ``code`` in ``close_code`` for the application. Over RSGI
    (Granian 2.8) the close frame reaches the client without its code (clients read 1005)
    and ``accept()`` can negotiate no subprotocol or headers: serve with
    ``--interface asgi`` when clients need either. Over Granian's ASGI interface a send to a
    client that left is dropped without an error: a handler that only sends learns of the
    departure from ``receive()`` (a hook controller always has one waiting).
    """

    __slots__ = (
        "_accepted",
        "_idle",
        "_max_size",
        "_state",
        "_subprotocols",
        "_transport",
        "accepted_subprotocol",
        "client",
        "close_code",
        "close_reason",
        "interface",
        "request",
    )

    def __init__(
        self,
        request: Request,
        transport: WebSocketTransport,
        *,
        interface: str,
        client: tuple[str, int] | None = None,
        limits: WebSocketLimits | None = None,
    ) -> None:
        limits = limits or WebSocketLimits()
        self.request = request
        self.interface = interface
        self.client = client
        self.accepted_subprotocol: str | None = None
        self.close_code: int | None = None
        self.close_reason = ""
        self._transport = transport
        self._state = WebSocketState.CONNECTING
        self._accepted = False
        self._max_size = limits.max_message_size
        self._idle = limits.idle_timeout
        self._subprotocols: list[str] | None = None

    def __repr__(self) -> str:
        return f"<WebSocket {self.path} {self._state.value}>"

    # -- the handshake ----------------------------------------------------------------------

    @property
    def path(self) -> str:
        """The path the client connected to."""
        return self.request.path

    @property
    def headers(self) -> Headers:
        """The handshake's headers."""
        return self.request.headers

    @property
    def query(self) -> QueryParams:
        """The handshake URL's query string."""
        return self.request.query

    @property
    def cookies(self) -> dict[str, str]:
        """The handshake's cookies (decrypted when the ``cookies`` middleware ran)."""
        return self.request.cookies

    @property
    def route_params(self) -> dict[str, Any]:
        """The matched route's parameters."""
        return self.request.route_params

    @property
    def state(self) -> SimpleNamespace:
        """A bag of attributes for middleware and handlers, for the whole connection."""
        return self.request.state

    @property
    def subprotocols(self) -> list[str]:
        """The subprotocols the client offered (``Sec-WebSocket-Protocol``), in its order."""
        if self._subprotocols is None:
            offered = self.request.headers.get_all("sec-websocket-protocol")
            self._subprotocols = [
                name.strip() for value in offered for name in value.split(",") if name.strip()
            ]
        return self._subprotocols

    @property
    def connection_state(self) -> WebSocketState:
        """Connecting, open or closed."""
        return self._state

    @property
    def accepted(self) -> bool:
        """True once ``accept()`` succeeded (still True after the connection closed)."""
        return self._accepted

    @property
    def closed(self) -> bool:
        """True once the connection is over: closed by either side, or rejected."""
        return self._state is WebSocketState.CLOSED

    async def accept(
        self,
        subprotocol: str | None = None,
        headers: Mapping[str, str] | Sequence[tuple[str, str]] | None = None,
    ) -> None:
        """Answer the handshake: the connection opens. ``subprotocol`` must be one the client
        offered; ``headers`` go out with the answer (ASGI only, as the subprotocol)."""
        if self._state is not WebSocketState.CONNECTING:
            raise WebSocketError(
                f"accept() on the WebSocket {self.path} that is already {self._state.value}. "
                "Accept once, before sending or receiving."
            )
        if subprotocol is not None and subprotocol not in self.subprotocols:
            offered = ", ".join(self.subprotocols) or "none"
            raise WebSocketError(
                f"accept(subprotocol={subprotocol!r}) on {self.path}: the client offered "
                f"{offered}. Accept one of the offered subprotocols, or None."
            )
        pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers or ())
        try:
            await self._transport.accept(subprotocol, pairs)
        except WebSocketDisconnect as gone:
            raise self._gone(gone) from None
        self._state, self._accepted = WebSocketState.OPEN, True
        self.accepted_subprotocol = subprotocol

    async def reject(self, status: int = 403) -> None:
        """Refuse the handshake with an HTTP status; no connection opens."""
        if self._state is not WebSocketState.CONNECTING:
            raise WebSocketError(
                f"reject({status}) on the WebSocket {self.path} that is already "
                f"{self._state.value}. Reject before accept(); afterwards end it with close()."
            )
        if not 400 <= status <= 599:
            raise WebSocketError(
                f"reject({status}) on {self.path}: a handshake is refused with an HTTP error "
                "status between 400 and 599 (403, 401, 404, 503...)."
            )
        self._state = WebSocketState.CLOSED
        await self._transport.reject(status)

    # -- messages -----------------------------------------------------------------------------

    async def receive(self) -> Message:
        """The next message, ``str`` (text) or ``bytes`` (binary).

        Raises `WebSocketDisconnect` when the client is gone, after closing the connection
        with 1001 when none came for ``idle_timeout`` seconds, or with 1009 when it is larger
        than ``max_message_size``.
        """
        if self._state is not WebSocketState.OPEN:
            raise self._not_open("receive")
        try:
            if self._idle:
                async with asyncio.timeout(self._idle):
                    message = await self._transport.receive()
            else:
                message = await self._transport.receive()
        except WebSocketDisconnect as gone:
            raise self._gone(gone) from None
        except TimeoutError:
            raise await self._closing(1001, _IDLE) from None
        if self._max_size and self._too_big(message):
            raise await self._closing(1009, _TOO_BIG)
        return message

    async def receive_text(self) -> str:
        """The next message as text; a binary one closes the connection with 1003."""
        message = await self.receive()
        if isinstance(message, str):
            return message
        raise await self._closing(1003, "expected a text message")

    async def receive_bytes(self) -> bytes:
        """The next message as bytes; a text one closes the connection with 1003."""
        message = await self.receive()
        if isinstance(message, bytes):
            return message
        raise await self._closing(1003, "expected a binary message")

    async def receive_json(self) -> Any:
        """The next message decoded as JSON; invalid JSON closes the connection with 1003."""
        message = await self.receive()
        try:
            return orjson.loads(message)
        except orjson.JSONDecodeError:
            raise await self._closing(1003, "invalid JSON") from None

    async def send_text(self, data: str) -> None:
        """Send a text message."""
        if self._state is not WebSocketState.OPEN:
            raise self._not_open("send_text")
        try:
            await self._transport.send_text(data)
        except WebSocketDisconnect as gone:
            raise self._gone(gone) from None

    async def send_bytes(self, data: bytes) -> None:
        """Send a binary message."""
        if self._state is not WebSocketState.OPEN:
            raise self._not_open("send_bytes")
        try:
            await self._transport.send_bytes(data if type(data) is bytes else bytes(data))
        except WebSocketDisconnect as gone:
            raise self._gone(gone) from None

    async def send_json(self, data: Any) -> None:
        """Send ``data`` as JSON in a text message (orjson: dataclasses, UUIDs, datetimes...)."""
        try:
            encoded = orjson.dumps(data)
        except orjson.JSONEncodeError as error:
            raise UnserializableJsonError(
                f"send_json() on {self.path} cannot encode {type(data).__name__}: {error}. "
                "Convert it to str, int, float, bool, None, dict, list or a dataclass first."
            ) from error
        await self.send_text(encoded.decode())

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close the connection (nothing happens when it is over already).

        Before ``accept()`` this rejects the handshake with 403: a close code is not an HTTP
        status, and Granian's RSGI worker does not survive one given there.
        """
        if self._state is WebSocketState.CLOSED:
            return
        if self._state is WebSocketState.CONNECTING:
            await self.reject(403)
            return
        _check_close(code, reason, self.path)
        self._state = WebSocketState.CLOSED
        self.close_code, self.close_reason = code, reason
        await self._transport.close(code, reason)

    async def __aiter__(self) -> AsyncIterator[Message]:
        """``async for message in websocket``: messages until the connection is over."""
        while True:
            try:
                message = await self.receive()
            except WebSocketDisconnect:
                return
            yield message

    # -- internals ----------------------------------------------------------------------------

    def _too_big(self, message: Message) -> bool:
        limit, size = self._max_size, len(message)
        if size > limit:
            return True
        # A character takes 1 to 4 bytes in UTF-8: encode only when the count cannot decide.
        return isinstance(message, str) and size * 4 > limit and len(message.encode()) > limit

    async def _closing(self, code: int, reason: str) -> WebSocketDisconnect:
        """Close with ``code`` and return the exception that tells the handler so."""
        await self.close(code, reason)
        return WebSocketDisconnect(code, reason)

    def _gone(self, gone: WebSocketDisconnect) -> WebSocketDisconnect:
        """The transport says the peer is gone: note it, unless this side closed first."""
        if self._state is WebSocketState.CLOSED and self.close_code is not None:
            return WebSocketDisconnect(self.close_code, self.close_reason)
        self._state = WebSocketState.CLOSED
        self.close_code, self.close_reason = gone.code, gone.reason
        return gone

    def _not_open(self, call: str) -> Exception:
        if self._state is WebSocketState.CONNECTING:
            return WebSocketError(
                f"{call}() on the WebSocket {self.path} before accept(). Accept the connection "
                "first: `await websocket.accept()` (a hook controller's connect() does it)."
            )
        return WebSocketDisconnect(self.close_code or 1000, self.close_reason)


async def close_quietly(websocket: WebSocket, code: int) -> None:
    """Close ``websocket`` with ``code`` if it is open; codes an application may not send
    (1005, 1006: what a vanished client reads) become 1000; a client already gone is fine."""
    if websocket.connection_state is not WebSocketState.OPEN:
        return
    with contextlib.suppress(WebSocketDisconnect):
        await websocket.close(code if _valid_code(code) else 1000)


def _valid_code(code: int) -> bool:
    return (1000 <= code <= 1014 and code not in _RESERVED_CODES) or 3000 <= code <= 4999


def _check_close(code: int, reason: str, path: str) -> None:
    if not _valid_code(code):
        raise WebSocketError(
            f"close({code}) on {path}: use 1000 (normal), 1001, 1003, 1007-1014, or an "
            "application code between 3000 and 4999."
        )
    if len(reason.encode()) > 123:
        raise WebSocketError(
            f"close({code}, reason) on {path}: the reason is longer than the 123 bytes a "
            "close frame holds. Shorten it."
        )
