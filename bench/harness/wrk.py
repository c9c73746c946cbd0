"""wrk: found or installed, run pinned to the client core, its output parsed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from harness.errors import BenchError
from harness.processes import pinned

__all__ = ["WrkResult", "ensure_wrk", "parse", "run_wrk"]

_INSTALL = ["apt-get", "install", "-y", "-q", "wrk"]
_TOTAL = re.compile(r"(\d+) requests in ([\d.]+)(us|ms|s|m)")
_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_SECONDS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


@dataclass(frozen=True, slots=True)
class WrkResult:
    """What one wrk run reports."""

    requests: int
    seconds: float
    rps: float
    non_2xx: int
    socket_errors: int


def ensure_wrk() -> str:
    """The path of wrk, installing it with apt-get when missing and running as root."""
    found = shutil.which("wrk")
    if found is not None:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise BenchError(
            "wrk is not installed and cannot be installed from here (that needs root and "
            "apt-get). Install it, then run again: `sudo apt-get install wrk` on Debian/Ubuntu, "
            "`brew install wrk` on macOS, or build it from https://github.com/wg/wrk."
        )
    print("wrk is missing: installing it with apt-get...", flush=True)
    for command in (["apt-get", "update", "-q"], _INSTALL):
        if subprocess.run(command, check=False).returncode != 0:
            raise BenchError(f"`{' '.join(command)}` failed; install wrk by hand and run again.")
    return shutil.which("wrk") or "wrk"


def run_wrk(
    url: str,
    *,
    seconds: int,
    connections: int,
    cpu: int | None,
    script: Path | None = None,
) -> WrkResult:
    """Drive ``url`` with one wrk thread and ``connections`` keep-alive connections."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    if script is not None:
        command += ["-s", str(script)]
    done = subprocess.run(pinned(cpu, [*command, url]), capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"wrk failed on {url} (status {done.returncode}):\n{done.stderr}")
    return parse(done.stdout, url)


def parse(output: str, url: str = "?") -> WrkResult:
    """The figures of wrk's text output."""
    total, rate = _TOTAL.search(output), _RATE.search(output)
    if total is None or rate is None:
        raise BenchError(f"Cannot read wrk's output for {url}:\n{output}")
    non_2xx = _NON_2XX.search(output)
    socket = _SOCKET.search(output)
    return WrkResult(
        requests=int(total.group(1)),
        seconds=float(total.group(2)) * _SECONDS[total.group(3)],
        rps=float(rate.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(map(int, socket.groups())) if socket else 0,
    )
