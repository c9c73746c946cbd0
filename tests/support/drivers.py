"""In-process drivers: call an app exactly as Granian (RSGI) or an ASGI server would.

``call_rsgi`` hands the app a scope and a protocol object shaped like Granian's and records
what the app answers through it; ``call_asgi`` uses real ASGI ``scope``/``receive``/``send``.
Both return a `Result`. Pass ``events`` (a list) to have ``"response sent"`` appended at the
moment the response went out, to check what the app did after that.
"""

from __future__ import annotations

import asyncio
import json as jsonlib
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any

from orionis.testing.rsgi import RSGIHeaders
from orionis.testing.rsgi import RSGIProto as TestingRSGIProto

__all__ = [
    "SENT",
    "HeaderPairs",
    "RSGIHeaders",
    "RSGIProto",
    "RSGIScope",
    "Result",
    "ResultHeaders",
    "asgi_lifespan",
    "asgi_scope",
    "asgi_websocket_refusal",
    "call_asgi",
    "call_rsgi",
    "rsgi_websocket_refusal",
]

SENT = "response sent"
HOST = "127.0.0.1:8000"
CLIENT = ("10.0.0.7", 51000)
SERVER = ("127.0.0.1", 8000)

HeaderPairs = Mapping[str, str] | Sequence[tuple[str, str]]
Message = dict[str, Any]


class ResultHeaders:
    """Response headers: case-insensitive, multi-valued, in the order received."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.pairs = [(name.lower(), value) for name, value in pairs]

    def get(self, name: str, default: str | None = None) -> str | None:
        """The first value of ``name``, or ``default``."""
        values = self.get_all(name)
        return values[0] if values else default

    def get_all(self, name: str) -> list[str]:
        """Every value of ``name``."""
        key = name.lower()
        return [value for item, value in self.pairs if item == key]

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self.get_all(name))

    def __repr__(self) -> str:
        return f"ResultHeaders({self.pairs!r})"


class Result:
    """What the app answered: status, headers, body."""

    def __init__(self, status: int, headers: Iterable[tuple[str, str]], body: bytes) -> None:
        self.status = status
        self.headers = ResultHeaders(headers)
        self.body = body

    @property
    def text(self) -> str:
        """The body decoded as UTF-8."""
        return self.body.decode()

    def json(self) -> Any:
        """The body decoded as JSON."""
        return jsonlib.loads(self.body)

    def __repr__(self) -> str:
        return f"<Result {self.status} {self.body[:80]!r}>"


def _pairs(headers: HeaderPairs) -> list[tuple[str, str]]:
    items = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
    pairs = [(name.lower(), value) for name, value in items]
    if not any(name == "host" for name, _ in pairs):
        pairs.insert(0, ("host", HOST))
    return pairs


# ----------------------------------------------------------------------------------- RSGI


class RSGIScope:
    """An RSGI HTTP scope as Granian fills it."""

    proto = "http"
    rsgi_version = "1.5"
    http_version = "1.1"

    def __init__(self, method: str, path: str, query: bytes, headers: HeaderPairs) -> None:
        self.scheme = "http"
        self.method = method
        self.path = path
        self.query_string = query.decode("latin-1")
        self.headers = RSGIHeaders(_pairs(headers))
        self.client = f"{CLIENT[0]}:{CLIENT[1]}"
        self.server = f"{SERVER[0]}:{SERVER[1]}"
        self.authority: str | None = None


class RSGIProto(TestingRSGIProto):
    """The test client's RSGI protocol object, noting in ``events`` when the response went out
    (so tests can order it against what the application did after)."""

    def __init__(self, body: bytes, events: list[str] | None) -> None:
        super().__init__(body)
        self._events = events

    def _respond(self, kind: str, status: int, headers: list[tuple[str, str]]) -> None:
        super()._respond(kind, status, headers)
        if self._events is not None:
            self._events.append(SENT)

    def result(self) -> Result:
        if self.status is None:
            raise AssertionError("The app returned without calling any RSGI response_*()")
        return Result(self.status, self.headers, b"".join(self.chunks))


async def call_rsgi(
    app: Any,
    method: str,
    path: str,
    *,
    query: bytes = b"",
    headers: HeaderPairs = (),
    body: bytes = b"",
    events: list[str] | None = None,
) -> Result:
    """One request through ``app.__rsgi__(scope, proto)``."""
    proto = RSGIProto(body, events)
    await app.__rsgi__(RSGIScope(method, path, query, headers), proto)
    return proto.result()


# ----------------------------------------------------------------------------------- ASGI


def asgi_scope(method: str, path: str, query: bytes, headers: HeaderPairs) -> Message:
    """A real ASGI 3 ``http`` scope."""
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "root_path": "",
        "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in _pairs(headers)],
        "client": CLIENT,
        "server": SERVER,
        "extensions": {},
    }


class _AsgiExchange:
    def __init__(self, body: bytes, events: list[str] | None) -> None:
        self._incoming: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]
        self._events = events
        self._gone = asyncio.Event()
        self.status: int | None = None
        self.headers: list[tuple[str, str]] = []
        self.chunks: list[bytes] = []
        self.complete = False

    async def receive(self) -> Message:
        if self._incoming:
            return self._incoming.pop(0)
        await self._gone.wait()  # like a server: nothing more until the client goes away
        return {"type": "http.disconnect"}

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if self.complete:
            raise RuntimeError(f"ASGI {kind} sent after the response was complete")
        if kind == "http.response.start":
            self._start(message)
        elif kind == "http.response.body":
            self.chunks.append(bytes(message.get("body", b"")))
            if not message.get("more_body", False):
                self._finish()
        else:
            raise RuntimeError(f"Unexpected ASGI message {kind!r}")

    def _start(self, message: Message) -> None:
        if self.status is not None:
            raise RuntimeError("ASGI http.response.start sent twice")
        self.status = int(message["status"])
        self.headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in message["headers"]]

    def _finish(self) -> None:
        self.complete = True
        if self._events is not None:
            self._events.append(SENT)

    def result(self) -> Result:
        if self.status is None or not self.complete:
            raise AssertionError("The app returned before completing its ASGI response")
        return Result(self.status, self.headers, b"".join(self.chunks))


async def call_asgi(
    app: Any,
    method: str,
    path: str,
    *,
    query: bytes = b"",
    headers: HeaderPairs = (),
    body: bytes = b"",
    events: list[str] | None = None,
) -> Result:
    """One request through ``await app(scope, receive, send)``."""
    exchange = _AsgiExchange(body, events)
    await app(asgi_scope(method, path, query, headers), exchange.receive, exchange.send)
    return exchange.result()


async def asgi_lifespan(
    app: Callable[[Message, Any, Any], Awaitable[None]],
    *steps: str,
    sent: list[Message] | None = None,
) -> list[Message]:
    """Run an ASGI ``lifespan`` scope, sending ``lifespan.<step>`` for each step in turn.

    Returns every message the app sent (also collected in ``sent`` when given, to inspect
    them when the app raises); stops early when the app returns.
    """
    incoming: asyncio.Queue[Message] = asyncio.Queue()
    for step in steps:
        incoming.put_nowait({"type": f"lifespan.{step}"})
    sent = [] if sent is None else sent

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}, "state": {}}
    await asyncio.wait_for(app(scope, incoming.get, send), timeout=30)
    return sent


# ------------------------------------------------------------------- refused WebSockets


class _RSGIWebSocketStub:
    """An RSGI ``ws`` scope and protocol in one, as far as refusing the handshake goes."""

    proto = "ws"

    def __init__(self) -> None:
        self.status: int | None = None

    def close(self, status: int | None = None) -> None:
        self.status = status


async def rsgi_websocket_refusal(app: Any) -> int | None:
    """The status an RSGI ``app`` refuses a WebSocket handshake with (its ``proto.close``)."""
    stub = _RSGIWebSocketStub()
    await app.__rsgi__(stub, stub)
    return stub.status


async def asgi_websocket_refusal(app: Any, path: str = "/") -> list[Message]:
    """What an ASGI ``app`` sends for a WebSocket handshake it is expected to refuse."""
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "websocket.connect"}

    async def send(message: Message) -> None:
        sent.append(message)

    await app({"type": "websocket", "path": path, "headers": []}, receive, send)
    return sent
