"""SIGTERM lets a request in flight finish, then the SHUTDOWN callbacks run and the server
exits cleanly; the request is answered in full."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.integration.serve.project import JOURNAL_VARIABLE
from tests.integration.serve.reactor import Reactor


def test_sigterm_finishes_the_request_then_runs_shutdown_callbacks(
    reactor: Reactor, project: Path, tmp_path: Path
) -> None:
    journal = tmp_path / "journal.txt"
    server = reactor(project, env={JOURNAL_VARIABLE: str(journal)})

    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(httpx.get, f"{server.url}/slow", timeout=20)
        _wait_for(lambda: "request: started" in _lines(journal), server.output)
        server.signal(signal.SIGTERM)
        response = slow.result(timeout=20)
    status = server.wait_for_exit()

    assert (response.status_code, response.text) == (200, "slow done"), server.output()
    assert _lines(journal) == ["startup", "request: started", "request: finished", "shutdown"]
    assert status == 0, server.output()


def _lines(journal: Path) -> list[str]:
    return journal.read_text().splitlines() if journal.exists() else []


def _wait_for(
    condition: Callable[[], bool], output: Callable[[], str], timeout: float = 10.0
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"gave up waiting after {timeout:g} s:\n{output()}")
