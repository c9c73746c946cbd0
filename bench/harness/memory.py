"""Worker RSS after warm-up against after N more requests: a leak shows as steady growth."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from harness.scenarios import Scenario
from harness.server import Server
from harness.settings import Settings
from harness.targets import Target
from harness.wrk import run_wrk

__all__ = ["measure_memory"]

_CHUNK_SECONDS = 2


@contextmanager
def _mix_script(scenarios: tuple[Scenario, ...]) -> Iterator[Path]:
    """A wrk script sending the scenarios' requests in turn."""
    paths = ", ".join(f'"{scenario.path}"' for scenario in scenarios)
    source = (
        f"local paths = {{{paths}}}\n"
        "local counter = 0\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        '  return wrk.format("GET", paths[counter % #paths + 1])\n'
        "end\n"
    )
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as folder:
        script = Path(folder) / "mix.lua"
        script.write_text(source)
        yield script


def measure_memory(
    target: Target, scenarios: tuple[Scenario, ...], settings: Settings
) -> dict[str, Any]:
    """RSS of ``target``'s worker after warm-up and after ``memory_requests`` more requests."""
    with _mix_script(scenarios) as script, Server(target, settings.server_cpu) as server:

        def load(seconds: int) -> int:
            return run_wrk(
                server.url,
                seconds=seconds,
                connections=settings.connections,
                cpu=settings.client_cpu,
                script=script,
            ).requests

        load(settings.warmup)
        warm = server.worker_rss_kib()
        sent = 0
        while sent < settings.memory_requests:
            sent += load(_CHUNK_SECONDS)
        after = server.worker_rss_kib()
    return {"requests": sent, "warm_kib": warm, "after_kib": after, "growth_kib": after - warm}
