"""``--workers 2`` starts two worker processes of the server, and both answer requests."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.integration.serve.reactor import Reactor

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads process details from /proc"
)

ROUNDS = 20
PARALLEL = 16


def test_two_workers_serve_concurrently(reactor: Reactor, project: Path) -> None:
    server = reactor(project, "--workers", "2")
    pids: set[str] = set()

    def fetch(_: int) -> str:
        # A new connection each time: the kernel hands it to whichever worker accepts first.
        return httpx.get(f"{server.url}/pid", timeout=10, headers={"connection": "close"}).text

    with ThreadPoolExecutor(PARALLEL) as pool:
        for _ in range(ROUNDS):
            pids.update(pool.map(fetch, range(PARALLEL)))
            if len(pids) > 1:
                break

    assert len(pids) == 2, server.output()
    assert all(_parent(int(pid)) == server.process.pid for pid in pids)
    assert "2 workers" in server.output()


def _parent(pid: int) -> int:
    """The parent PID of ``pid``, from /proc (the workers are children of Granian's main)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])
