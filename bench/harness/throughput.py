"""Requests per second of every target and scenario, in interleaved rounds, and their ratios."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass

from harness.check import verify
from harness.errors import BenchError
from harness.processes import busy_seconds, cpu_seconds
from harness.scenarios import Scenario
from harness.server import Server
from harness.settings import Settings
from harness.stats import Summary, summarize
from harness.targets import Comparison, Target
from harness.wrk import run_wrk

__all__ = ["Measurement", "Row", "Samples", "compare", "measure"]


@dataclass(frozen=True, slots=True)
class Measurement:
    """One wrk run: requests per second, the worker's CPU time per request, and how many
    cores other processes of the machine used meanwhile (``foreign``).

    CPU time per request moves less than req/s when other processes share the server's core,
    so it cross-checks req/s on a machine that is not quiet.
    """

    rps: float
    cpu_us: float
    foreign: float


Samples = dict[str, dict[str, list[Measurement]]]
"""Measurements by target name, then scenario name: one per round."""

Log = Callable[[str], None]


def measure(
    targets: tuple[Target, ...], scenarios: tuple[Scenario, ...], settings: Settings, log: Log
) -> Samples:
    """Every target in turn, each round starting from a different one, each on a new server."""
    samples: Samples = {t.name: {s.name: [] for s in scenarios} for t in targets}
    for index in range(settings.rounds):
        for target in targets[index % len(targets) :] + targets[: index % len(targets)]:
            figures = _measure_target(target, scenarios, settings)
            for name, figure in figures.items():
                samples[target.name][name].append(figure)
            shown = ", ".join(
                f"{name} {m.rps:,.0f} ({m.cpu_us:.1f} µs, other {m.foreign:.0%})"
                for name, m in figures.items()
            )
            log(f"round {index + 1}/{settings.rounds}  {target.label:<13} {shown}")
    return samples


def _measure_target(
    target: Target, scenarios: tuple[Scenario, ...], settings: Settings
) -> dict[str, Measurement]:
    with Server(target, settings.server_cpu) as server:
        for scenario in scenarios:
            verify(target.label, server.port, scenario)
        return {scenario.name: _measure_one(server, scenario, settings) for scenario in scenarios}


def _measure_one(server: Server, scenario: Scenario, settings: Settings) -> Measurement:
    """Warm up, then measure; a run disturbed by other processes is taken again, and the
    quietest of the runs is kept."""
    url = server.url + scenario.path
    run_wrk(url, seconds=settings.warmup, connections=settings.connections, cpu=settings.client_cpu)
    best: Measurement | None = None
    for _ in range(settings.retries + 1):
        measurement = _measure_once(server, scenario, settings)
        if best is None or measurement.foreign < best.foreign:
            best = measurement
        if measurement.foreign <= settings.max_foreign:
            break
    assert best is not None
    return best


def _measure_once(server: Server, scenario: Scenario, settings: Settings) -> Measurement:
    worker, main = server.worker_pid(), server.process.pid
    before = (busy_seconds(), cpu_seconds(worker), cpu_seconds(main), _children_cpu())
    started = time.monotonic()
    result = run_wrk(
        server.url + scenario.path,
        seconds=settings.seconds,
        connections=settings.connections,
        cpu=settings.client_cpu,
    )
    elapsed = time.monotonic() - started
    after = (busy_seconds(), cpu_seconds(worker), cpu_seconds(main), _children_cpu())
    busy, worker_cpu, main_cpu, wrk_cpu = (b - a for a, b in zip(before, after, strict=True))
    if result.non_2xx or result.socket_errors:
        raise BenchError(
            f"{server.target.label} {scenario.path}: {result.non_2xx} non-2xx responses and "
            f"{result.socket_errors} socket errors in {result.requests} requests; a measurement "
            "with failures is not comparable. Check the app (run it and request the path)."
        )
    foreign = max(0.0, busy - worker_cpu - main_cpu - wrk_cpu) / elapsed
    return Measurement(result.rps, worker_cpu / result.requests * 1e6, foreign)


def _children_cpu() -> float:
    # wrk (and the taskset that became it) once waited for: its CPU time lands here.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass(frozen=True, slots=True)
class Row:
    """One scenario of one comparison: both sides' req/s and CPU µs, and per-round ratios."""

    scenario: str
    subject: Summary
    baseline: Summary
    ratio: Summary
    subject_cpu_us: Summary
    baseline_cpu_us: Summary
    cpu_ratio: Summary
    goal: float | None

    @property
    def met(self) -> bool | None:
        return None if self.goal is None else self.ratio.median >= self.goal


def compare(samples: Samples, comparison: Comparison, scenarios: tuple[Scenario, ...]) -> list[Row]:
    """Per-round ratios of ``comparison.subject`` to its baseline; [] if either was not run."""
    subject, baseline = samples.get(comparison.subject), samples.get(comparison.baseline)
    if subject is None or baseline is None:
        return []
    rows = []
    for scenario in scenarios:
        pairs = list(zip(subject[scenario.name], baseline[scenario.name], strict=True))
        rows.append(
            Row(
                scenario.name,
                summarize([s.rps for s, _ in pairs]),
                summarize([b.rps for _, b in pairs]),
                summarize([s.rps / b.rps for s, b in pairs]),
                summarize([s.cpu_us for s, _ in pairs]),
                summarize([b.cpu_us for _, b in pairs]),
                summarize([b.cpu_us / s.cpu_us for s, b in pairs]),
                (comparison.goals or {}).get(scenario.name),
            )
        )
    return rows
