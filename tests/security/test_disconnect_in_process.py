"""The disconnect watch in process, through both kernels, with a protocol whose client leaves
when the test says so: the handler is cancelled and its ``finally`` runs, no response is
sent, the concurrency slot is free; a body is read whole before receive() is watched; a
cancellation that does not come from the client still propagates."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from orionis.foundation.application import Application
from orionis.http.middleware.concurrency import ConcurrencyGates
from orionis.testing.rsgi import RSGIProto, RSGIScope
from tests.security.hostile_clients import (
    JOURNAL_VARIABLE,
    booted_hostile_app,
    journal_lines,
)

BOUND = 2.0  # seconds; /hold would sleep 3 s, the cancelled handler returns at once


class LeavingProto(RSGIProto):
    """Granian's protocol: ``client_disconnect()`` is a future resolved when the client leaves."""

    def __init__(self, body: bytes = b"") -> None:
        super().__init__(body)
        self.waiters: list[asyncio.Future[None]] = []

    def client_disconnect(self) -> Any:  # type: ignore[override]  # a future, as Granian's
        waiter = asyncio.get_running_loop().create_future()
        self.waiters.append(waiter)
        return waiter

    def leave(self) -> None:
        for waiter in self.waiters:
            if not waiter.done():
                waiter.set_result(None)


class LeavingReceive:
    """ASGI receive(): the body's messages, then a disconnect when the client leaves."""

    def __init__(self, body: bytes = b"") -> None:
        self.messages: list[dict[str, Any]] = [
            {"type": "http.request", "body": body[:3], "more_body": len(body) > 3},
        ]
        if len(body) > 3:
            self.messages.append({"type": "http.request", "body": body[3:], "more_body": False})
        self.gone = asyncio.Event()
        self.sent: list[dict[str, Any]] = []

    async def __call__(self) -> dict[str, Any]:
        if self.messages:
            return self.messages.pop(0)
        await self.gone.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: dict[str, Any]) -> None:
        self.sent.append(message)


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[Application]:
    env = {JOURNAL_VARIABLE: str(tmp_path / "journal.txt"), "HTTP_CANCEL_ON_DISCONNECT": "true"}
    async with booted_hostile_app(tmp_path / "project", env) as application:
        yield application


def _journal() -> list[str]:
    return journal_lines(Path(os.environ[JOURNAL_VARIABLE]))


async def _started() -> None:
    # The project's handler writes to a file: polled.
    while "hold: started" not in _journal():  # noqa: ASYNC110
        await asyncio.sleep(0.01)


def _asgi_scope(method: str, path: str, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "query_string": b"",
        "headers": [(b"host", b"test"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 80),
    }


async def _hold(app: Application, kernel: str) -> tuple[asyncio.Task[None], Any]:
    if kernel == "rsgi":
        proto = LeavingProto()
        scope = RSGIScope(httpx.Request("GET", "http://test/hold"), "127.0.0.1:5000")
        task = asyncio.create_task(app.__rsgi__(scope, proto))
        return task, proto
    receive = LeavingReceive()
    task = asyncio.create_task(app(_asgi_scope("GET", "/hold", []), receive, receive.send))
    return task, receive


def _leave(client: Any) -> None:
    if isinstance(client, LeavingProto):
        client.leave()
    else:
        client.gone.set()


@pytest.mark.parametrize("kernel", ["rsgi", "asgi"])
async def test_a_client_leaving_cancels_its_handler(app: Application, kernel: str) -> None:
    task, client = await _hold(app, kernel)
    await asyncio.wait_for(_started(), BOUND)
    assert app.make(ConcurrencyGates).in_flight("hold") == 1

    _leave(client)
    await asyncio.wait_for(task, BOUND)  # ends without an error: the client left, that is all

    assert _journal() == ["startup", "hold: started", "hold: finally"]
    assert app.make(ConcurrencyGates).in_flight("hold") == 0
    sent = client.status if kernel == "rsgi" else client.sent
    assert sent in (None, [])  # nobody to answer


@pytest.mark.parametrize("kernel", ["rsgi", "asgi"])
async def test_other_cancellations_still_propagate(app: Application, kernel: str) -> None:
    task, _ = await _hold(app, kernel)
    await asyncio.wait_for(_started(), BOUND)

    task.cancel()  # the server stopping the task, not the client leaving
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, BOUND)
    assert _journal() == ["startup", "hold: started", "hold: finally"]


async def test_asgi_body_is_read_whole_before_the_disconnect_is_watched(
    app: Application,
) -> None:
    body = b"0123456789"
    receive = LeavingReceive(body)
    headers = [(b"content-length", str(len(body)).encode())]

    await asyncio.wait_for(
        app(_asgi_scope("POST", "/upload", headers), receive, receive.send), BOUND
    )

    assert receive.sent[0]["status"] == 200
    assert receive.sent[1]["body"] == b"10"
