"""Streaming routes on a real booted Application, and clients that can leave mid-stream.

``fetch(app, "rsgi" | "asgi", "GET", "/path", disconnect_after=3)`` calls the app through its
RSGI or ASGI entry point with protocol objects shaped like Granian's that collect the body
chunks and, after ``disconnect_after`` of them, report that the client went away: RSGI's
``client_disconnect()`` resolves and later writes raise ``ProtocolClosed``; ASGI's
``receive()`` answers ``http.disconnect`` (and, as Granian does, later sends are accepted and
dropped). ``stall=True`` makes the write that hit the limit never complete, as a write to a
vanished peer may.

The route handlers note what their sources do in `log`; `sources` keeps the generators.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from granian.rsgi import ProtocolClosed  # type: ignore[attr-defined]

from orionis.foundation.application import Application
from orionis.http import (
    EventStreamResponse,
    FileResponse,
    Request,
    ServerSentEvent,
    StreamingResponse,
)
from tests.support.drivers import RSGIScope, asgi_scope

__all__ = ["Fetched", "boot_app", "fetch", "log", "open_handles", "sources"]

log: list[str] = []
"""What the sources did, in order; the `app` fixtures clear it."""

sources: list[Any] = []
"""The generators the handlers returned, to check they were closed."""

ROUTES = """\
from orionis.routing import Route
from tests.http import streams as s

Route.get("/events", s.events)
Route.get("/resume", s.resume)
Route.get("/idle", s.idle)
Route.get("/endless-events", s.endless_events)
Route.get("/sync-events", s.sync_events)
Route.get("/endless-sync-events", s.endless_sync_events)
Route.get("/stream", s.stream)
Route.get("/endless-stream", s.endless_stream)
Route.get("/sync-stream", s.sync_stream)
Route.get("/endless-sync-stream", s.endless_sync_stream)
Route.get("/file", s.download)
"""


_Source = TypeVar("_Source")


def _kept(source: _Source) -> _Source:
    # Held here, a generator cannot be closed by garbage collection: when its `finally` runs,
    # the response closed it.
    sources.append(source)
    return source


# ----------------------------------------------------------------------------- event streams


async def _events() -> AsyncIterator[Any]:
    log.append("events started")
    try:
        yield ServerSentEvent({"n": 1, "text": "two\nlines"}, event="tick", id="1")
        yield "first line\nsecond line"
        yield b"bytes data"
        yield ["json", "list"]
        yield ServerSentEvent(event="done", id=2, data="")
    finally:
        log.append("events closed")


def events() -> EventStreamResponse:
    return EventStreamResponse(_kept(_events()), retry=3000, ping=None)


async def _resume(after: int) -> AsyncIterator[ServerSentEvent]:
    for number in range(after + 1, after + 3):
        yield ServerSentEvent(f"message {number}", id=number)


def resume(request: Request) -> EventStreamResponse:
    return EventStreamResponse(_resume(int(request.headers.get("last-event-id") or 0)))


async def _idle() -> AsyncIterator[str]:
    try:
        yield "hello"
        await asyncio.Event().wait()  # nothing more to say, ever
        yield "never"
    finally:
        log.append("idle closed")


def idle() -> EventStreamResponse:
    return EventStreamResponse(_kept(_idle()), ping=0.001)


async def _endless_events() -> AsyncIterator[ServerSentEvent]:
    number = 0
    try:
        while True:
            number += 1
            yield ServerSentEvent(number, id=number)
            await asyncio.sleep(0)
    finally:
        log.append("endless events closed")


def endless_events(request: Request) -> EventStreamResponse:
    ping = float(request.query.get("ping", "0"))
    return EventStreamResponse(_kept(_endless_events()), ping=ping)


def _sync_events() -> Iterator[Any]:
    log.append("sync events started")
    try:
        yield ServerSentEvent("from a thread", event="sync", id="s1")
        yield {"n": 2}
    finally:
        log.append("sync events closed")


def sync_events() -> EventStreamResponse:
    return EventStreamResponse(_kept(_sync_events()), ping=None)


def _endless_sync_events() -> Iterator[str]:
    try:
        while True:
            yield "tick"
            time.sleep(0.001)  # a blocking call: the reason sources run in a thread
    finally:
        log.append("endless sync events closed")


def endless_sync_events() -> EventStreamResponse:
    return EventStreamResponse(_kept(_endless_sync_events()), ping=60.0)


# ---------------------------------------------------------------------- byte streams, files


async def _numbers(count: int) -> AsyncIterator[str]:
    for number in range(count):
        yield f"{number}\n"


def stream(request: Request) -> StreamingResponse:
    return StreamingResponse(_numbers(int(request.query["n"])), media_type="text/plain")


async def _endless_bytes() -> AsyncIterator[bytes]:
    try:
        while True:
            yield b"x" * 1024
            await asyncio.sleep(0)
    finally:
        log.append("endless stream closed")


def endless_stream() -> StreamingResponse:
    return StreamingResponse(_kept(_endless_bytes()))


def _sync_numbers(count: int) -> Iterator[bytes]:
    for number in range(count):
        yield f"s{number}\n".encode()


def sync_stream(request: Request) -> StreamingResponse:
    return StreamingResponse(_sync_numbers(int(request.query["n"])), media_type="text/plain")


def _endless_sync_bytes() -> Iterator[bytes]:
    try:
        while True:
            yield b"y" * 1024
    finally:
        log.append("endless sync stream closed")


def endless_sync_stream() -> StreamingResponse:
    return StreamingResponse(_kept(_endless_sync_bytes()))


def download(request: Request) -> FileResponse:
    return FileResponse(request.query["path"])


# --------------------------------------------------------------------------------- the app


async def boot_app(base: Path) -> Application:
    """An Application on ``base`` serving the routes above, booted."""
    (base / "routes").mkdir(parents=True, exist_ok=True)
    (base / "routes" / "web.py").write_text(ROUTES)
    app = Application(base_path=base)
    app.with_routing(web="routes/web.py")
    await app.boot()
    return app


def _contents(path: str) -> bytes:
    return Path(path).read_bytes()


def open_handles(path: Path) -> int:
    """How many file descriptors of this process are open on ``path`` (Linux /proc)."""
    count = 0
    for fd in Path("/proc/self/fd").iterdir():
        try:
            if fd.readlink() == path:
                count += 1
        except OSError:
            continue  # closed while listing
    return count


# ----------------------------------------------------------------------------- the clients


@dataclass
class Fetched:
    """What the client saw: the status, headers and every chunk that arrived."""

    status: int | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    chunks: list[bytes] = field(default_factory=list)
    kind: str | None = None
    """RSGI: the response call used (``stream``, ``file``...); ASGI: the last message type."""
    complete: bool = False
    """ASGI: the final body message (``more_body`` false) or ``pathsend`` arrived."""
    on_chunk: list[int] = field(default_factory=list)
    """Whatever the ``probe`` answered as each chunk arrived."""

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key == name), None)


class _Client:
    def __init__(
        self, disconnect_after: int | None, stall: bool, probe: Any, fetched: Fetched
    ) -> None:
        self.disconnect_after = disconnect_after
        self.stall = stall
        self.probe = probe
        self.fetched = fetched
        self.gone = asyncio.Event()

    async def arrived(self, chunk: bytes) -> None:
        if self.gone.is_set():
            return
        self.fetched.chunks.append(bytes(chunk))
        if self.probe is not None:
            self.fetched.on_chunk.append(self.probe())
        if self.disconnect_after is not None and len(self.fetched.chunks) >= self.disconnect_after:
            self.gone.set()
            if self.stall:
                await asyncio.Event().wait()
        await asyncio.sleep(0)  # a real transport yields to the loop on every write


class _Transport:
    def __init__(self, client: _Client) -> None:
        self._client = client

    async def send_bytes(self, data: bytes) -> None:
        if self._client.gone.is_set():
            raise ProtocolClosed("RSGI transport is closed")
        await self._client.arrived(data)

    async def send_str(self, data: str) -> None:
        await self.send_bytes(data.encode())


class _RSGIProto:
    def __init__(self, client: _Client, file_range: bool) -> None:
        self._client = client
        self._fetched = client.fetched
        if file_range:
            self.response_file_range = self._response_file_range

    async def __aiter__(self) -> AsyncIterator[bytes]:
        empty: tuple[bytes, ...] = ()  # these requests have no body
        for chunk in empty:
            yield chunk

    async def client_disconnect(self) -> None:
        await self._client.gone.wait()

    def _respond(self, kind: str, status: int, headers: list[tuple[str, str]]) -> None:
        assert self._fetched.kind is None, f"response_{kind} after response_{self._fetched.kind}"
        self._fetched.kind, self._fetched.status = kind, status
        self._fetched.headers = list(headers)

    def response_empty(self, status: int, headers: list[tuple[str, str]]) -> None:
        self._respond("empty", status, headers)

    def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self._respond("bytes", status, headers)
        self._fetched.chunks.append(bytes(body))

    def response_str(self, status: int, headers: list[tuple[str, str]], body: str) -> None:
        self.response_bytes(status, headers, body.encode())

    def response_file(self, status: int, headers: list[tuple[str, str]], file: str) -> None:
        self._respond("file", status, headers)
        self._fetched.chunks.append(_contents(file))

    def _response_file_range(
        self, status: int, headers: list[tuple[str, str]], file: str, start: int, end: int
    ) -> None:
        self._respond("file_range", status, headers)
        self._fetched.chunks.append(_contents(file)[start:end])

    def response_stream(self, status: int, headers: list[tuple[str, str]]) -> _Transport:
        self._respond("stream", status, headers)
        return _Transport(self._client)


class _ASGIExchange:
    def __init__(self, client: _Client) -> None:
        self._client = client
        self._fetched = client.fetched
        self._requested = False

    async def receive(self) -> dict[str, Any]:
        if not self._requested:
            self._requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self._client.gone.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: dict[str, Any]) -> None:
        assert not self._fetched.complete, f"{message['type']} after the response was complete"
        self._fetched.kind = message["type"]
        if message["type"] == "http.response.start":
            self._fetched.status = message["status"]
            self._fetched.headers = [(k.decode(), v.decode()) for k, v in message["headers"]]
        elif message["type"] == "http.response.pathsend":
            self._fetched.complete = True
            self._fetched.chunks.append(_contents(message["path"]))
        elif message.get("more_body", False):
            await self._client.arrived(message["body"])
        else:
            self._fetched.chunks.append(message.get("body", b""))
            self._fetched.complete = True


async def fetch(
    app: Application,
    interface: str,
    method: str,
    path: str,
    *,
    query: bytes = b"",
    headers: list[tuple[str, str]] | None = None,
    disconnect_after: int | None = None,
    stall: bool = False,
    http_version: str = "1.1",
    file_range: bool = True,
    pathsend: bool = False,
    probe: Any = None,
) -> Fetched:
    """One request through ``app.__rsgi__`` or ``app(scope, receive, send)``.

    ``file_range=False``: an RSGI server without ``response_file_range`` (Granian < 2.2);
    ``pathsend``: an ASGI server with the ``http.response.pathsend`` extension; ``probe``:
    called as each streamed chunk arrives, its answers kept in ``Fetched.on_chunk``.
    """
    fetched = Fetched()
    client = _Client(disconnect_after, stall, probe, fetched)
    if interface == "rsgi":
        scope = RSGIScope(method, path, query, headers or [])
        scope.http_version = http_version
        call = app.__rsgi__(scope, _RSGIProto(client, file_range))
    else:
        asgi = asgi_scope(method, path, query, headers or [])
        asgi["http_version"] = http_version
        if pathsend:
            asgi["extensions"] = {"http.response.pathsend": {}}
        exchange = _ASGIExchange(client)
        call = app(asgi, exchange.receive, exchange.send)
    # Only a guard against a hang turning into a stuck test run; nothing is timed.
    await asyncio.wait_for(call, timeout=30)
    return fetched
