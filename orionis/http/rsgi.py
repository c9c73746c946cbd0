"""RSGI (Granian's native interface) to Request, and Response back to RSGI calls."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable
from typing import Protocol

from orionis.http.body import BodyLimits
from orionis.http.file_response import FileResponse
from orionis.http.headers import HeaderSource
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.http.streaming import StreamingResponse, until_disconnected

__all__ = [
    "RSGIProtocol",
    "RSGIScope",
    "RSGITransport",
    "request_from_rsgi",
    "send_rsgi",
    "write_rsgi",
]


class RSGIScope(Protocol):
    """The parts of an RSGI HTTP scope a Request needs."""

    http_version: str
    server: str
    client: str
    scheme: str
    method: str
    path: str
    query_string: str
    authority: str | None

    @property
    def headers(self) -> HeaderSource: ...


class RSGITransport(Protocol):
    """The object ``response_stream`` returns."""

    async def send_bytes(self, data: bytes, /) -> None: ...


class RSGIProtocol(Protocol):
    """The calls of an RSGI HTTP protocol object this adapter uses."""

    def __aiter__(self) -> AsyncIterator[bytes]: ...

    def client_disconnect(self) -> Awaitable[None]: ...

    def response_bytes(
        self, status: int, headers: list[tuple[str, str]], body: bytes, /
    ) -> None: ...

    def response_file(self, status: int, headers: list[tuple[str, str]], file: str, /) -> None: ...

    def response_stream(self, status: int, headers: list[tuple[str, str]], /) -> RSGITransport: ...


def request_from_rsgi(
    scope: RSGIScope, proto: RSGIProtocol, max_body_size: int | BodyLimits
) -> Request:
    """The Request of an RSGI call; nothing is parsed (or read from the scope) until needed.

    ``max_body_size``: the largest body in bytes, or the worker's ``BodyLimits``.
    """
    return Request.from_scope(scope, proto.__aiter__, max_body_size)


async def send_rsgi(response: Response, proto: RSGIProtocol) -> None:
    """Write ``response`` with the protocol's native calls (bytes, file, file range, stream)."""
    pending = write_rsgi(response, proto)
    if pending is not None:
        await pending


def write_rsgi(response: Response, proto: RSGIProtocol) -> Awaitable[None] | None:
    """Like `send_rsgi`, but a body held in memory is written at once and None is returned;
    files and streams return what to await. The kernel sends every response this way: most
    are in memory, and a coroutine for them would only cost time."""
    if not response.streamed:
        proto.response_bytes(response.status_code, response.raw_headers, response.body)
        return None
    if isinstance(response, FileResponse):
        return _send_file(response, proto)
    if isinstance(response, StreamingResponse):
        return _send_stream(response, proto)
    proto.response_bytes(response.status_code, response.raw_headers, response.body)
    return None


async def _send_file(response: FileResponse, proto: RSGIProtocol) -> None:
    status, headers = response.status_code, response.raw_headers
    if response.range is None:
        proto.response_file(status, headers, response.path)
        return
    # Granian >= 2.2 sends ranges from Rust; older servers get the range streamed.
    send_range = getattr(proto, "response_file_range", None)
    if send_range is not None:
        send_range(status, headers, response.path, *response.range)
        return
    chunks = response.iter_chunks()
    try:
        transport = proto.response_stream(status, headers)
        await until_disconnected(_pump(chunks, transport), proto.client_disconnect())
    finally:
        await chunks.aclose()


async def _send_stream(response: StreamingResponse, proto: RSGIProtocol) -> None:
    try:
        transport = proto.response_stream(response.status_code, response.raw_headers)
        if response.sends_body:
            pump = _pump(response.body_iterator, transport)
            await until_disconnected(pump, proto.client_disconnect())
    finally:
        await response.aclose()


async def _pump(chunks: AsyncGenerator[bytes, None], transport: RSGITransport) -> None:
    try:
        async for chunk in chunks:
            await transport.send_bytes(chunk)
    except RuntimeError as error:
        if not _is_closed(error):
            raise


def _is_closed(error: RuntimeError) -> bool:
    # Imported on first use: importing granian costs ~0.2 s and only RSGI needs it.
    from granian.rsgi import ProtocolClosed  # type: ignore[attr-defined]  # re-exported, no __all__

    return isinstance(error, ProtocolClosed)
