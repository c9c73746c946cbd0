"""A client that disconnects while its handler runs: with ``http.cancel_on_disconnect`` the
handler is cancelled at once on real Granian (both interfaces), so its ``finally`` runs and
its concurrency slot is free again; without it, Granian lets the handler run to its end."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.integration.serve.reactor import Reactor
from tests.security.hostile_clients import (
    JOURNAL_VARIABLE,
    journal_lines,
    reactors,
    wait_for,
    write_hostile_project,
)
from tests.support.servers import HOST, Server

HOLD = 3.0  # seconds the /hold handler sleeps


@pytest.fixture
def reactor(tmp_path: Path) -> Iterator[Reactor]:
    yield from reactors(tmp_path)


def _start(reactor: Reactor, tmp_path: Path, interface: str, cancel: bool) -> tuple[Server, Path]:
    journal = tmp_path / "journal.txt"
    project = write_hostile_project(tmp_path / "project")
    env = {JOURNAL_VARIABLE: str(journal), "HTTP_CANCEL_ON_DISCONNECT": str(cancel).lower()}
    return reactor(project, "--interface", interface, env=env), journal


def _hold_then_leave(server: Server, journal: Path) -> None:
    """Ask for /hold, wait until its handler runs, then close the socket without reading."""
    with socket.create_connection((HOST, server.port), timeout=10) as connection:
        connection.sendall(b"GET /hold HTTP/1.1\r\nHost: test\r\n\r\n")
        wait_for(lambda: "hold: started" in journal_lines(journal), server.output, 10)
        assert httpx.get(f"{server.url}/in-flight", timeout=10).json() == {"hold": 1}


@pytest.mark.parametrize("interface", ["rsgi", "asgi"])
def test_disconnect_cancels_the_handler_and_runs_its_finally(
    reactor: Reactor, tmp_path: Path, interface: str
) -> None:
    server, journal = _start(reactor, tmp_path, interface, cancel=True)

    _hold_then_leave(server, journal)
    # Granian notices the closed socket at once; 1 s is slack for a loaded machine, well
    # under the 3 s the handler would otherwise sleep.
    waited = wait_for(lambda: "hold: finally" in journal_lines(journal), server.output, 5)

    assert waited < HOLD - 1, server.output()
    assert journal_lines(journal) == ["startup", "hold: started", "hold: finally"]
    assert httpx.get(f"{server.url}/in-flight", timeout=10).json() == {"hold": 0}
    # Nothing is reported for a client that left, and the server goes on serving.
    assert httpx.get(f"{server.url}/greeting", timeout=10).text == "hello"
    assert "Traceback" not in server.output() and "CancelledError" not in server.output()


@pytest.mark.parametrize("interface", ["rsgi", "asgi"])
def test_requests_that_stay_are_answered_in_full(
    reactor: Reactor, tmp_path: Path, interface: str
) -> None:
    server, journal = _start(reactor, tmp_path, interface, cancel=True)

    response = httpx.get(f"{server.url}/hold", params={"seconds": "0.2"}, timeout=10)
    posted = httpx.post(f"{server.url}/upload", content=b"x" * 5000, timeout=10)

    assert (response.status_code, response.text) == (200, "held"), server.output()
    assert (posted.status_code, posted.text) == (200, "5000"), server.output()
    assert journal_lines(journal)[-2:] == ["hold: finished", "hold: finally"]


def test_without_the_setting_granian_lets_the_handler_finish(
    reactor: Reactor, tmp_path: Path
) -> None:
    server, journal = _start(reactor, tmp_path, "rsgi", cancel=False)

    _hold_then_leave(server, journal)
    wait_for(lambda: "hold: finally" in journal_lines(journal), server.output, HOLD + 5)

    assert journal_lines(journal) == ["startup", "hold: started", "hold: finished", "hold: finally"]


@pytest.mark.parametrize("interface", ["rsgi", "asgi"])
def test_a_stream_still_ends_when_its_client_leaves(
    reactor: Reactor, tmp_path: Path, interface: str
) -> None:
    # The watch stops before the response is written: the stream's own disconnect handling
    # (closing the body iterator) must work as without it.
    server, journal = _start(reactor, tmp_path, interface, cancel=True)

    with socket.create_connection((HOST, server.port), timeout=10) as connection:
        connection.sendall(b"GET /ticks HTTP/1.1\r\nHost: test\r\n\r\n")
        received = b""
        while b"tick 0" not in received:
            chunk = connection.recv(65536)
            assert chunk, received
            received += chunk
    # 100 ticks take 10 s; the iterator is closed soon after the client left.
    wait_for(lambda: "ticks: finally" in journal_lines(journal), server.output, 5)

    assert httpx.get(f"{server.url}/greeting", timeout=10).text == "hello"
    assert "Traceback" not in server.output()
