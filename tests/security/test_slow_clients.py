"""Slow and idle clients against a real ``reactor serve`` (both interfaces): 100 attacker
sockets — silent ones, ones that stall inside the request head, ones that trickle a body one
byte a second — do not keep a fresh client waiting, and the server closes every one of them:
the first two kinds by Granian's header read timeout (serve's default), the body tricklers by
the framework's ``http.body_read_timeout`` with a 408."""

from __future__ import annotations

import asyncio
import socket
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from orionis.console.serving.plan import HEADER_READ_TIMEOUT_MS
from tests.integration.serve.reactor import Reactor
from tests.security.hostile_clients import BODY_READ_TIMEOUT, reactors, write_hostile_project
from tests.support.servers import HOST, Server

ATTACKERS = {"silent": 34, "partial-head": 33, "slow-body": 33}
HEADER_TIMEOUT = HEADER_READ_TIMEOUT_MS / 1000
# Slack for a loaded 2-core machine: the timeouts themselves are exact to a few ms.
SLACK = 3.0


@dataclass
class Attacker:
    kind: str
    opened: float = 0.0
    closed_after: float | None = None
    received: bytes = b""
    tasks: list[asyncio.Task[None]] = field(default_factory=list)


@pytest.fixture(autouse=True)
def posix() -> None:
    if sys.platform == "win32":
        pytest.skip("needs POSIX sockets semantics")


@pytest.fixture
def reactor(tmp_path: Path) -> Iterator[Reactor]:
    yield from reactors(tmp_path)


@pytest.mark.parametrize("interface", ["rsgi", "asgi"])
def test_attackers_do_not_delay_a_fresh_client_and_are_closed(
    reactor: Reactor, tmp_path: Path, interface: str
) -> None:
    project = write_hostile_project(tmp_path / "project")
    server = reactor(project, "--interface", interface)

    fresh_took, attackers = asyncio.run(_attack(server))

    # Served at once; the bound is the configured timeout + 1 s.
    assert fresh_took < HEADER_TIMEOUT + 1, server.output()
    for attacker in attackers:
        assert attacker.closed_after is not None, (attacker.kind, server.output())
        if attacker.kind == "slow-body":
            assert attacker.received.startswith(b"HTTP/1.1 408"), attacker.received[:200]
            assert attacker.closed_after < BODY_READ_TIMEOUT + SLACK, attacker
        else:
            assert attacker.received == b"", (attacker.kind, attacker.received[:200])
            assert attacker.closed_after < HEADER_TIMEOUT + SLACK, attacker
    assert httpx.get(f"{server.url}/greeting", timeout=10).text == "hello"


async def _attack(server: Server) -> tuple[float, list[Attacker]]:
    attackers = [Attacker(kind) for kind, count in ATTACKERS.items() for _ in range(count)]
    tasks = [asyncio.create_task(_run(attacker, server.port)) for attacker in attackers]
    await asyncio.sleep(0.5)  # every attacker connected and started
    started = time.monotonic()
    async with httpx.AsyncClient(base_url=server.url, timeout=HEADER_TIMEOUT + 5) as client:
        response = await client.get("/greeting")
    fresh_took = time.monotonic() - started
    assert (response.status_code, response.text) == (200, "hello")
    # Every attacker ends when the server closes it; the bound covers the slowest timeout.
    await asyncio.wait_for(asyncio.gather(*tasks), HEADER_TIMEOUT + BODY_READ_TIMEOUT + 20)
    return fresh_took, attackers


async def _run(attacker: Attacker, port: int) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    attacker.opened = time.monotonic()
    trickle: asyncio.Task[None] | None = None
    if attacker.kind == "partial-head":
        writer.write(b"GET /greeting HTTP/1.1\r\nHost: x\r\n")
    elif attacker.kind == "slow-body":
        writer.write(
            b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
            b"Content-Length: 1000\r\n\r\n"
        )
        trickle = asyncio.create_task(_one_byte_a_second(writer))
    await writer.drain()
    try:
        while chunk := await reader.read(65536):
            attacker.received += chunk
    except ConnectionError:
        pass  # reset by the server: closed all the same
    attacker.closed_after = time.monotonic() - attacker.opened
    if trickle is not None:
        trickle.cancel()
    writer.close()


async def _one_byte_a_second(writer: asyncio.StreamWriter) -> None:
    try:
        for _ in range(1000):
            await asyncio.sleep(1)
            writer.write(b"x")
            await writer.drain()
    except (ConnectionError, RuntimeError):
        return  # the server closed the connection


def test_with_http_auto_granian_never_closes_a_silent_socket(
    reactor: Reactor, tmp_path: Path
) -> None:
    # Why serve picks --http 1 without TLS: under auto no timeout applies before the first
    # byte, so only the backpressure bound limits such sockets.
    project = write_hostile_project(tmp_path / "project")
    server = reactor(project, "--http", "auto")

    silent = socket.create_connection((HOST, server.port), timeout=HEADER_TIMEOUT + SLACK)
    with silent, pytest.raises(TimeoutError):
        silent.recv(1)  # neither data nor the close (b"") within the header timeout
