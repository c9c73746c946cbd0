"""Idle connections do not lock a new client out: more silent or idle keep-alive sockets than
Granian's default backpressure (1 024 per worker) are held open, and a new client is still
answered. The same load with Granian's default locks the server, which is why serve sets its
own (see orionis/console/serving/limits.py)."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from tests.integration.serve.reactor import Reactor
from tests.support.servers import HOST, Server

IDLE = 1100  # more than Granian's default backpressure of 1024 for one worker
GRANIAN_DEFAULT_BACKPRESSURE = "1024"


@pytest.fixture(autouse=True)
def enough_descriptors() -> None:
    """This process opens IDLE sockets: raise its soft limit, or skip where it cannot."""
    if sys.platform == "win32":
        pytest.skip("needs the POSIX open-files limit")
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = IDLE + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        if hard != resource.RLIM_INFINITY and hard < wanted:
            pytest.skip(f"the open-files hard limit ({hard}) is below {wanted}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def idle_sockets(server: Server, kind: str, count: int = IDLE) -> Iterator[socket.socket]:
    """``count`` connections: silent (never send a byte) or keep-alive after one request."""
    for _ in range(count):
        connection = socket.create_connection((HOST, server.port), timeout=10)
        if kind == "keep-alive":
            connection.sendall(b"GET /greeting HTTP/1.1\r\nHost: test\r\n\r\n")
            connection.recv(65536)
        yield connection


@pytest.mark.parametrize("kind", ["silent", "keep-alive"])
def test_idle_connections_do_not_lock_out_a_new_client(
    reactor: Reactor, project: Path, kind: str
) -> None:
    server = reactor(project)

    with ExitStack() as held:
        for connection in idle_sockets(server, kind):
            held.enter_context(connection)
        response = httpx.get(f"{server.url}/greeting", timeout=10)

    assert (response.status_code, response.text) == (200, "hello"), server.output()


def test_granian_default_backpressure_would_lock_out(reactor: Reactor, project: Path) -> None:
    # --http auto never closes a silent socket (serve's cleartext default, --http 1, closes
    # them after the header read timeout, which could end the lockout during the check).
    server = reactor(project, "--backpressure", GRANIAN_DEFAULT_BACKPRESSURE, "--http", "auto")

    with ExitStack() as held:
        for connection in idle_sockets(server, "silent"):
            held.enter_context(connection)
        with pytest.raises(httpx.TimeoutException):
            httpx.get(f"{server.url}/greeting", timeout=3)
