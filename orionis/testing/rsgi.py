"""Drive ``app.__rsgi__(scope, proto)`` in-process, as Granian would, from an httpx request."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx

from orionis.testing.errors import TestingError

__all__ = ["RSGIHeaders", "RSGIProto", "RSGIScope", "RSGITestTransport"]


class RSGIHeaders:
    """Granian's ``scope.headers``: lowercase names; ``get`` answers the first value."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def __contains__(self, key: object) -> bool:
        return any(name == key for name, _ in self._pairs)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def keys(self) -> list[str]:
        """Every name once, in order."""
        return list(dict.fromkeys(name for name, _ in self._pairs))

    def values(self) -> list[str]:
        """Every value, in order."""
        return [value for _, value in self._pairs]

    def items(self) -> list[tuple[str, str]]:
        """Every ``(name, value)`` pair, in order."""
        return list(self._pairs)

    def get(self, key: str, default: Any = None) -> Any:
        """The first value of ``key``, or ``default``."""
        return next((value for name, value in self._pairs if name == key), default)

    def get_all(self, key: str) -> list[str]:
        """Every value of ``key``."""
        return [value for name, value in self._pairs if name == key]


class RSGIScope:
    """An RSGI HTTP scope as Granian fills it, from an httpx request."""

    proto = "http"
    rsgi_version = "1.5"
    http_version = "1.1"

    def __init__(self, request: httpx.Request, client: str) -> None:
        url = request.url
        self.scheme = url.scheme
        self.method = request.method
        self.path = url.path
        self.query_string = url.query.decode("latin-1")
        self.headers = RSGIHeaders(
            [
                (name.decode("latin-1").lower(), value.decode("latin-1"))
                for name, value in request.headers.raw
            ]
        )
        self.client = client
        self.server = f"{url.host}:{url.port or (443 if url.scheme == 'https' else 80)}"
        self.authority: str | None = None


class _Stream:
    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = chunks

    async def send_bytes(self, data: bytes) -> None:
        self._chunks.append(bytes(data))
        await asyncio.sleep(0)  # a real transport yields to the loop on every write

    async def send_str(self, data: str) -> None:
        await self.send_bytes(data.encode())


class RSGIProto:
    """Granian's HTTP protocol object: the body in, exactly one ``response_*`` call out."""

    def __init__(self, body: bytes) -> None:
        self._body = body
        self._gone = asyncio.Event()
        self.status: int | None = None
        self.headers: list[tuple[str, str]] = []
        self.chunks: list[bytes] = []
        self.kind: str | None = None

    async def __call__(self) -> bytes:
        return self._body

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self._body:
            yield self._body

    async def client_disconnect(self) -> None:
        # The test client stays until the response is complete.
        await self._gone.wait()

    def _respond(self, kind: str, status: int, headers: list[tuple[str, str]]) -> None:
        if self.kind is not None:
            raise TestingError(
                f"The application called RSGI response_{kind}() after response_{self.kind}(): "
                "an RSGI response is sent exactly once."
            )
        self.kind, self.status, self.headers = kind, status, list(headers)

    def response_empty(self, status: int, headers: list[tuple[str, str]]) -> None:
        self._respond("empty", status, headers)

    def response_str(self, status: int, headers: list[tuple[str, str]], body: str) -> None:
        self._respond("str", status, headers)
        self.chunks.append(body.encode())

    def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self._respond("bytes", status, headers)
        self.chunks.append(bytes(body))

    def response_file(self, status: int, headers: list[tuple[str, str]], file: str) -> None:
        self._respond("file", status, headers)
        self.chunks.append(Path(file).read_bytes())

    def response_file_range(
        self, status: int, headers: list[tuple[str, str]], file: str, start: int, end: int
    ) -> None:
        self._respond("file_range", status, headers)
        self.chunks.append(Path(file).read_bytes()[start:end])

    def response_stream(self, status: int, headers: list[tuple[str, str]]) -> _Stream:
        self._respond("stream", status, headers)
        return _Stream(self.chunks)

    def to_httpx(self, request: httpx.Request) -> httpx.Response:
        """What the application answered, as an httpx response."""
        if self.status is None:
            raise TestingError(
                f"The application returned from {request.method} {request.url.path} without "
                "calling any RSGI response_*() method: no response was sent."
            )
        return httpx.Response(
            self.status, headers=self.headers, content=b"".join(self.chunks), request=request
        )


class RSGITestTransport(httpx.AsyncBaseTransport):
    """An httpx transport that serves each request through ``app.__rsgi__``, no sockets."""

    def __init__(self, app: Any, client: tuple[str, int] = ("127.0.0.1", 50000)) -> None:
        self._app = app
        self._client = f"{client[0]}:{client[1]}"

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Run one request through the application; its exceptions propagate."""
        proto = RSGIProto(await request.aread())
        await self._app.__rsgi__(RSGIScope(request, self._client), proto)
        return proto.to_httpx(request)
