"""`WebSocketTestSession`: a WebSocket connection to the application, in-process.

``async with client.websocket("/ws/chat/1") as ws:`` runs the handshake through the same entry
point the client uses (RSGI or ASGI) with in-memory fakes of the server's side (see
``websocket_wire.py``); ``await ws.send_text("hi")`` and ``await ws.receive_text()`` exchange
messages; a refused handshake raises `WebSocketRejected` from ``__aenter__``; a close by the
application surfaces as ``WebSocketDisconnect(code)`` on the next receive.
"""

from __future__ import annotations

import asyncio
import base64
import os
from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx
import orjson

from orionis.foundation.application import Application
from orionis.http.websocket import Message, WebSocketDisconnect
from orionis.testing.errors import TestingError
from orionis.testing.exchange import Exchange, recording
from orionis.testing.websocket_wire import (
    ASGIWebSocketServer,
    Closed,
    RSGIWebSocketProto,
    RSGIWebSocketScope,
    Wire,
    asgi_websocket_scope,
)

__all__ = ["WebSocketRejected", "WebSocketTestSession"]

_T = TypeVar("_T")


class WebSocketRejected(TestingError):  # noqa: N818 - reads as what happened, like WebSocketDisconnect
    """The application refused the handshake: ``status`` (and, over ASGI, ``body``)."""

    def __init__(self, path: str, status: int, body: bytes = b"") -> None:
        detail = f": {body[:200].decode(errors='replace')!r}" if body else ""
        super().__init__(
            f"The WebSocket handshake to {path} was refused with HTTP {status}{detail}."
        )
        self.status = status
        self.body = body


class WebSocketTestSession:
    """One connection; use it with ``async with``. ``timeout`` bounds each wait for the
    application, so a test that expects a message that never comes fails instead of hanging."""

    __test__ = False

    def __init__(
        self,
        app: Application,
        kernel: str,
        url: httpx.URL,
        headers: Callable[[], Awaitable[dict[str, str]]],
        *,
        subprotocols: Sequence[str] = (),
        exchange: Exchange | None = None,
        client: tuple[str, int] = ("127.0.0.1", 50000),
        timeout: float = 5.0,
    ) -> None:
        self.app = app
        self.kernel = kernel
        self.url = url
        self.accepted_subprotocol: str | None = None
        self.response_headers: list[tuple[str, str]] = []
        self.close_code: int | None = None
        self.close_reason = ""
        self._headers = headers
        self._subprotocols = list(subprotocols)
        self._exchange = exchange or Exchange()
        self._client = client
        self._timeout = timeout
        self._wire: Wire | None = None
        self._task: asyncio.Task[Any] | None = None

    @property
    def path(self) -> str:
        """The path connected to."""
        return self.url.path

    @property
    def exceptions(self) -> list[BaseException]:
        """Exceptions the application's handler saw during this connection."""
        return list(self._exchange.exceptions)

    # ----------------------------------------------------------------- handshake
    async def __aenter__(self) -> Self:
        wire = self._wire = Wire()
        headers = self._handshake_headers(await self._headers())
        with recording(self._exchange):  # the task copies the context: its errors are recorded
            self._task = asyncio.create_task(self._serve(wire, headers))
        handshake = await self._wait(wire.handshake, "answer to the handshake")
        if handshake is None:
            raise TestingError(
                f"The application returned from the WebSocket handshake to {self.path} without "
                "accepting or refusing it."
            )
        if not handshake.accepted:
            await self._finished()
            raise WebSocketRejected(self.path, handshake.status, handshake.body)
        self.accepted_subprotocol = handshake.subprotocol
        self.response_headers = handshake.headers
        return self

    def _handshake_headers(self, sent: dict[str, str]) -> list[tuple[str, str]]:
        headers = {
            "host": self.url.netloc.decode("latin-1"),
            "upgrade": "websocket",
            "connection": "Upgrade",
            "sec-websocket-key": base64.b64encode(os.urandom(16)).decode(),
            "sec-websocket-version": "13",
        }
        if self._subprotocols:
            headers["sec-websocket-protocol"] = ", ".join(self._subprotocols)
        headers.update(sent)
        return list(headers.items())

    async def _serve(self, wire: Wire, headers: list[tuple[str, str]]) -> None:
        if self.kernel == "rsgi":
            client = f"{self._client[0]}:{self._client[1]}"
            scope = RSGIWebSocketScope(self.url, headers, client)
            await self.app.__rsgi__(scope, RSGIWebSocketProto(wire))
            return
        server = ASGIWebSocketServer(wire)
        asgi_scope = asgi_websocket_scope(self.url, headers, self._client, self._subprotocols)
        await self.app(asgi_scope, server.receive, server.send)

    # ----------------------------------------------------------------- messages
    async def send_text(self, data: str) -> None:
        """Send a text message."""
        self._wire_open().to_app.put_nowait(data)
        await asyncio.sleep(0)

    async def send_bytes(self, data: bytes) -> None:
        """Send a binary message."""
        self._wire_open().to_app.put_nowait(bytes(data))
        await asyncio.sleep(0)

    async def send_json(self, data: Any) -> None:
        """Send ``data`` as JSON in a text message."""
        await self.send_text(orjson.dumps(data).decode())

    async def receive(self) -> Message:
        """The application's next message; `WebSocketDisconnect` once it closed."""
        wire = self._connected()
        if self.close_code is not None and wire.to_client.empty():
            raise WebSocketDisconnect(self.close_code, self.close_reason)
        item = await self._next(wire)
        if isinstance(item, Closed):
            self.close_code, self.close_reason = item.code, item.reason
            raise WebSocketDisconnect(item.code, item.reason)
        return item

    async def receive_text(self) -> str:
        """The next message, which must be text."""
        message = await self.receive()
        if not isinstance(message, str):
            raise TestingError(f"Expected a text message from {self.path}, got bytes {message!r}.")
        return message

    async def receive_bytes(self) -> bytes:
        """The next message, which must be binary."""
        message = await self.receive()
        if not isinstance(message, bytes):
            raise TestingError(f"Expected a binary message from {self.path}, got text {message!r}.")
        return message

    async def receive_json(self) -> Any:
        """The next message decoded as JSON."""
        return orjson.loads(await self.receive())

    # ----------------------------------------------------------------- closing
    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close from the client's side and wait until the application has finished with the
        connection (its disconnect hook has run)."""
        wire = self._connected()
        if not wire.over:
            wire.close_from_client(code, reason)
            self.close_code, self.close_reason = code, reason
        elif self.close_code is None and wire.app_closed is not None:
            self.close_code, self.close_reason = wire.app_closed.code, wire.app_closed.reason
        await self._finished()

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._task is None:
            return
        if error is None:
            await self.close()
            return
        # The test failed already: end the application's side without hiding that failure.
        if self._wire is not None and not self._wire.over:
            self._wire.close_from_client(1000, "")
        try:
            await self._finished()
        except Exception as cleanup:
            error.add_note(f"The application's side of the WebSocket failed too: {cleanup!r}")

    # ----------------------------------------------------------------- waiting
    def _connected(self) -> Wire:
        if self._wire is None:
            raise TestingError(
                "Use the WebSocket session in `async with client.websocket(path) as ws:`."
            )
        return self._wire

    def _wire_open(self) -> Wire:
        wire = self._connected()
        if wire.over:
            raise WebSocketDisconnect(self.close_code or 1000, self.close_reason)
        return wire

    async def _next(self, wire: Wire) -> Message | Closed:
        queue = wire.to_client
        if not queue.empty():
            return queue.get_nowait()
        getter = asyncio.ensure_future(queue.get())
        item = await self._wait(getter, "message")
        if item is not None:
            return item
        if not queue.empty():
            return queue.get_nowait()
        # The application finished without a close frame for the client: the socket is gone.
        return Closed(1006)

    async def _wait(self, waited: asyncio.Future[_T], what: str) -> _T | None:
        """``waited``'s result; None when the application finished first (its exception, if
        any, is raised); a `TestingError` after ``timeout`` seconds."""
        task = self._task
        assert task is not None
        done, _ = await asyncio.wait(
            {waited, task}, timeout=self._timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if waited.done():
            return waited.result()
        waited.cancel()
        if task in done:
            task.result()
            return None
        raise TestingError(
            f"No {what} from the WebSocket {self.path} within {self._timeout} s. Does the "
            "application send one? (client.websocket(..., timeout=...) sets the wait.)"
        )

    async def _finished(self) -> None:
        """Wait for the application's side to end; raise its exception, if any."""
        task = self._task
        assert task is not None
        done, _ = await asyncio.wait({task}, timeout=self._timeout)
        if not done:
            task.cancel()
            raise TestingError(
                f"The application did not finish the WebSocket {self.path} within "
                f"{self._timeout} s after it was closed."
            )
        task.result()
