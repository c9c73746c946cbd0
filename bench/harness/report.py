"""The results as Markdown (for people and the README) and JSON (for tools), with the machine."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from harness.stats import Summary, summarize
from harness.targets import ROOT
from harness.throughput import Row

__all__ = ["machine", "markdown", "write"]

_DASH = "\u2013"  # an en dash, for ranges in the tables

_PACKAGES = ("granian", "uvloop", "orjson", "dependency-injector")


def machine() -> dict[str, Any]:
    """The CPU, OS, Python, package and wrk versions, and the commit measured."""
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in _PACKAGES},
        "wrk": _command_output(["wrk", "--version"], r"wrk (\S+)"),
        "commit": _commit(),
    }


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    found = re.search(r"model name\s*:\s*(.+)", text)
    return found.group(1).strip() if found else "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _command_output(command: list[str], pattern: str) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    except OSError:
        return "unknown"
    found = re.search(pattern, done.stdout + done.stderr)
    return found.group(1) if found else "unknown"


def _commit() -> str:
    commit = _command_output(["git", "rev-parse", "--short", "HEAD"], r"(\w+)")
    dirty = _command_output(["git", "status", "--porcelain", "--untracked-files=no"], r"(\S)")
    return commit if dirty == "unknown" else f"{commit} + uncommitted changes"


def _spread(summary: Summary, bold: bool = False) -> str:
    median = f"**{summary.median:.2f}**" if bold else f"{summary.median:.2f}"
    return f"{median} ({summary.low:.2f}{_DASH}{summary.high:.2f})"


def _goal(row: Row) -> str:
    if row.goal is None:
        return _DASH
    return f"≥ {row.goal:.2f} {'✓' if row.met else '✗'}"


def _table(title: str, subject: str, baseline: str, rows: list[Row]) -> list[str]:
    lines = [
        f"### {title}",
        "",
        f"| scenario | {baseline} req/s | {subject} req/s | ratio, median (min{_DASH}max) | goal "
        f"| CPU µs/request, {baseline} | {subject} | CPU-time ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.scenario} | {row.baseline.median:,.0f} | {row.subject.median:,.0f} "
            f"| {_spread(row.ratio, bold=True)} | {_goal(row)} "
            f"| {row.baseline_cpu_us.median:.1f} | {row.subject_cpu_us.median:.1f} "
            f"| {_spread(row.cpu_ratio)} |"
        )
    return [*lines, ""]


def markdown(results: dict[str, Any], tables: list[tuple[str, str, str, list[Row]]]) -> str:
    """The report: settings, throughput tables, memory, start-up and import times, machine."""
    settings, box = results["settings"], results["machine"]
    lines = [
        f"# Orionis benchmark — {results['date']}{' (quick)' if settings['quick'] else ''}",
        "",
        f"Granian {box['packages']['granian']}, 1 worker, uvloop, HTTP/1.1, pinned to core "
        f"{settings['server_cpu']}; wrk -t1 -c{settings['connections']} pinned to core "
        f"{settings['client_cpu']}; {settings['rounds']} interleaved rounds of "
        f"{settings['seconds']} s after {settings['warmup']} s warm-up, a new server per target "
        "and round. Ratios are per round, then the median and range over rounds. CPU µs/request "
        "is the worker's CPU time (all threads) over the requests served: it cross-checks the "
        "req/s ratio when other processes share the machine." + _web_settings(settings),
        "",
    ]
    for table in tables:
        if table[3]:
            lines += _table(*table)
    lines += _disturbance(results)
    lines += _memory(results.get("memory", {}))
    lines += _startup(results.get("startup", {}), results.get("imports", {}))
    lines += _machine(box)
    return "\n".join(lines) + "\n"


def _web_settings(settings: dict[str, Any]) -> str:
    driver = settings.get("session_driver")
    if driver is None:
        return ""
    return (
        f" `web`: the web group (cookies, session with the `{driver}` driver, csrf) and a Jinja2 "
        "page; the raw apps render it with Jinja2 and seal an AES-GCM session cookie. wrk sends "
        "no cookies back, so every request starts a new session on both sides."
    )


def _disturbance(results: dict[str, Any]) -> list[str]:
    foreign = [
        run["foreign"]
        for by_scenario in results["samples"].values()
        for runs in by_scenario.values()
        for run in runs
    ]
    if not foreign:
        return []
    settings = results["settings"]
    summary = summarize(foreign)
    return [
        f"Other processes on the machine used a median {summary.median:.0%} of a core during "
        f"the measurements (max {summary.high:.0%}). A measurement disturbed by more than "
        f"{settings['max_foreign']:.0%} was taken again (at most {settings['retries']} more "
        "runs) and the quietest run kept.",
        "",
    ]


def _memory(memory: dict[str, Any]) -> list[str]:
    if not memory:
        return []
    lines = [
        "### Worker memory (RSS)",
        "",
        "| target | after warm-up | after N more requests | growth |",
        "|---|---:|---:|---:|",
    ]
    for label, figures in memory.items():
        lines.append(
            f"| {label} | {figures['warm_kib'] / 1024:.1f} MiB "
            f"| {figures['after_kib'] / 1024:.1f} MiB (N = {figures['requests']:,}) "
            f"| {figures['growth_kib'] / 1024:+.2f} MiB |"
        )
    return [*lines, ""]


def _startup(startup: dict[str, Any], imports: dict[str, Any]) -> list[str]:
    lines = ["### Start-up", "", f"| measure | median (min{_DASH}max) |", "|---|---:|"]
    for label, figures in startup.items():
        s = figures["seconds"]
        lines.append(
            f"| cold start, {label} | {s['median']:.3f} s ({s['min']:.3f}{_DASH}{s['max']:.3f}) |"
        )
    for statement, figures in imports.items():
        ms = figures["ms"]
        lines.append(
            f'| `python -X importtime -c "{statement}"` | {ms["median"]:.1f} ms '
            f"({ms['min']:.1f}{_DASH}{ms['max']:.1f}) |"
        )
    return [*lines, ""] if len(lines) > 4 else []


def _machine(box: dict[str, Any]) -> list[str]:
    packages = ", ".join(f"{name} {version}" for name, version in box["packages"].items())
    return [
        "### Machine",
        "",
        f"{box['cpu']}, {box['cores']} cores; {box['os']}; Python {box['python']}; {packages}; "
        f"wrk {box['wrk']}; commit {box['commit']}.",
    ]


def write(folder: Path, stem: str, results: dict[str, Any], text: str) -> tuple[Path, Path]:
    """Write ``<stem>.md`` and ``<stem>.json`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    md, js = folder / f"{stem}.md", folder / f"{stem}.json"
    md.write_text(text)
    js.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return md, js
