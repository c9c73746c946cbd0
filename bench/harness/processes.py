"""Pinning commands to a core, and reading a process's children and resident memory."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

__all__ = ["busy_seconds", "can_pin", "children", "cpu_seconds", "pinned", "rss_kib"]

_PROC = Path("/proc")
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def can_pin() -> bool:
    """Whether ``taskset`` is there to pin processes to a core (Linux)."""
    return shutil.which("taskset") is not None


def pinned(cpu: int | None, command: Sequence[str]) -> list[str]:
    """``command`` run on core ``cpu`` only (unchanged when ``cpu`` is None)."""
    if cpu is None:
        return list(command)
    return ["taskset", "-c", str(cpu), *command]


def children(pid: int) -> list[int]:
    """The PIDs whose parent is ``pid``."""
    found = []
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        if int(_stat_fields(stat)[1]) == pid:
            found.append(int(entry.name))
    return found


def rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` in KiB (VmRSS)."""
    for line in (_PROC / str(pid) / "status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise ProcessLookupError(f"process {pid} has no VmRSS (is it a zombie?)")


def cpu_seconds(pid: int) -> float:
    """CPU time ``pid`` has used so far, user and system, all its threads."""
    fields = _stat_fields((_PROC / str(pid) / "stat").read_text())
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _stat_fields(stat: str) -> list[str]:
    # The command name is in parentheses and may hold spaces: field 3 (state) on follow the ")".
    return stat[stat.rindex(")") + 2 :].split()


def busy_seconds() -> float:
    """CPU time all processes of the machine have used so far, every core (from /proc/stat).

    Steal time counts as busy: a core the hypervisor gave to another guest was not ours.
    """
    fields = (_PROC / "stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / _TICKS
