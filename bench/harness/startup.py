"""Cold start (process start to first answered request) and `python -X importtime` totals."""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
from typing import Any

from harness.errors import BenchError
from harness.server import HOST, Server
from harness.stats import summarize
from harness.targets import ROOT, Target

__all__ = ["cold_start", "import_time"]

_TIMEOUT = 30.0


def cold_start(target: Target, path: str, cpu: int | None, runs: int) -> dict[str, Any]:
    """Seconds from starting Granian on ``target`` to a 200 on ``path``, ``runs`` times.

    One run is made first and not counted, so bytecode caches exist as in production.
    """
    timings = [_time_to_first_answer(target, path, cpu) for _ in range(runs + 1)][1:]
    return {"seconds": summarize(timings).as_dict(), "runs": timings}


def _time_to_first_answer(target: Target, path: str, cpu: int | None) -> float:
    server = Server(target, cpu)
    started = time.perf_counter()
    server.start()
    try:
        while time.perf_counter() - started < _TIMEOUT:
            if _answers(server.port, path):
                return time.perf_counter() - started
            if server.process.poll() is not None:
                break
            time.sleep(0.002)
        raise BenchError(
            f"{target.label} did not answer GET {path} with 200 within {_TIMEOUT:g} s "
            f"(cwd {target.cwd}). Serve it by hand to see why: granian {target.app}"
        )
    finally:
        server.stop()


def _answers(port: int, path: str) -> bool:
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def import_time(statement: str, runs: int) -> dict[str, Any]:
    """Milliseconds ``statement`` spends importing (``-X importtime``, Python's start excluded).

    Also the five modules with the largest cumulative time among those it imports directly.
    """
    startup = set(_importtime("pass"))
    totals, heaviest = [], []
    for _ in range(runs + 1):
        entries = _importtime(statement)
        own = {name: times for name, times in entries.items() if name not in startup}
        totals.append(sum(self_us for self_us, _, _ in own.values()) / 1000)
        heaviest = sorted(
            ((name, cumulative / 1000) for name, (_, cumulative, top) in own.items() if top),
            key=lambda item: -item[1],
        )[:5]
    return {"ms": summarize(totals[1:]).as_dict(), "top_level": dict(heaviest)}


def _importtime(statement: str) -> dict[str, tuple[int, int, bool]]:
    """Module -> (self µs, cumulative µs, imported directly by ``statement``)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BenchError(f"`python -c {statement!r}` failed:\n{done.stderr}")
    entries: dict[str, tuple[int, int, bool]] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        self_us, cumulative, name = line.removeprefix("import time:").split("|")
        entries[name.strip()] = (int(self_us), int(cumulative), not name[1:].startswith(" "))
    return entries
