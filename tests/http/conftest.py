"""Fixtures of the HTTP tests: requests built through the real adapters, and real servers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest

from orionis.http.asgi import Message, request_from_asgi
from orionis.http.request import Request
from tests.support.servers import ROOT, free_port, running, server_command

RequestFactory = Callable[..., Request]


def asgi_scope(
    method: str = "GET",
    path: str = "/",
    query: bytes = b"",
    headers: Sequence[tuple[str, str]] = (),
    **extra: Any,
) -> dict[str, Any]:
    """A real ASGI http scope."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers],
        "client": ("10.0.0.7", 51000),
        "server": ("127.0.0.1", 8000),
    }
    scope.update(extra)
    return scope


class Receiver:
    """An ASGI ``receive``: the body in the chunks given, then (like servers) it waits until
    ``disconnect()`` is called and answers ``http.disconnect``."""

    def __init__(self, chunks: Sequence[bytes] = ()) -> None:
        self.messages: list[Message] = [
            {"type": "http.request", "body": chunk, "more_body": index < len(chunks) - 1}
            for index, chunk in enumerate(chunks)
        ] or [{"type": "http.request", "body": b"", "more_body": False}]
        self.calls = 0
        self._gone = asyncio.Event()

    def disconnect(self) -> None:
        self._gone.set()

    async def __call__(self) -> Message:
        self.calls += 1
        if self.messages:
            return self.messages.pop(0)
        await self._gone.wait()
        return {"type": "http.disconnect"}


@pytest.fixture
def make_request() -> RequestFactory:
    """``make_request("POST", "/x", body=[b"a", b"b"], headers=[("content-type", ...)])``."""

    def build(
        method: str = "GET",
        path: str = "/",
        query: bytes = b"",
        headers: Sequence[tuple[str, str]] = (),
        body: Sequence[bytes] = (),
        max_body_size: int = 1024 * 1024,
        **extra: Any,
    ) -> Request:
        scope = asgi_scope(method, path, query, headers, **extra)
        return request_from_asgi(scope, Receiver(body), max_body_size)

    return build


@pytest.fixture(scope="module", params=["rsgi", "asgi"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The base URL of a real Granian serving ``tests/http/apps.py`` over RSGI, then ASGI."""
    interface: str = request.param
    log = tmp_path_factory.mktemp("granian") / "server.log"
    port = free_port()
    command = server_command(f"granian-{interface}", f"tests.http.apps:{interface}_app", port)
    with running(command, cwd=ROOT, log=log, port=port) as granian:
        yield granian.url
