"""The benchmark: Orionis against a raw RSGI (and ASGI) app on the same Granian, same run.

Each target is served by Granian (1 worker, uvloop, HTTP/1.1, no access log) pinned to core 0
and driven by ``wrk -t1 -c64`` pinned to core 1, in interleaved rounds; every response is
checked before it is measured. Also measured: worker RSS growth, cold start of the skeleton,
and ``python -X importtime`` of ``import orionis``. Results go to bench/results/<date>.md and
.json and the Markdown is printed.

Run: ``.venv/bin/python bench/run.py`` (``make bench``); ``--quick`` for a short check,
``--help`` for the options.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import sys
from pathlib import Path
from typing import Any

from harness import scenarios as scenario_list
from harness import targets as target_list
from harness.errors import BenchError
from harness.memory import measure_memory
from harness.processes import can_pin
from harness.report import machine, markdown, write
from harness.scenarios import Scenario
from harness.settings import FULL, QUICK, Settings
from harness.startup import cold_start, import_time
from harness.targets import (
    BENCH,
    COMPARISONS,
    ROOT,
    TARGETS,
    Comparison,
    Target,
    before_targets,
    session_driver,
)
from harness.throughput import Row, Samples, compare, measure
from harness.wrk import ensure_wrk

SKELETON = Target("skeleton", "skeleton", "rsgi", "bootstrap:app", ROOT)
IMPORTS = ("import orionis", "from orionis import Application")
_LABELS = {target.name: target.label for target in TARGETS}
_LABELS.update({"before-rsgi": "before RSGI", "before-asgi": "before ASGI"})


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short rounds, for a quick check")
    parser.add_argument("--rounds", type=int, help=f"interleaved rounds (default {FULL.rounds})")
    parser.add_argument("--seconds", type=int, help=f"per measurement (default {FULL.seconds})")
    parser.add_argument("--warmup", type=int, help=f"seconds before each (default {FULL.warmup})")
    parser.add_argument("--targets", nargs="+", help=f"of {', '.join(_LABELS)}")
    parser.add_argument(
        "--scenarios", nargs="+", help=f"of {', '.join(s.name for s in scenario_list.SCENARIOS)}"
    )
    parser.add_argument("--skip-memory", action="store_true", help="no RSS measurement")
    parser.add_argument("--skip-startup", action="store_true", help="no cold start/import times")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="CHECKOUT",
        help="also serve the bench project with CHECKOUT's orionis: before/after tables",
    )
    parser.add_argument("--output", type=Path, default=BENCH / "results", help="results folder")
    parser.add_argument("--no-save", action="store_true", help="print only, write no files")
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    settings = QUICK if args.quick else FULL
    chosen = {
        name: value
        for name in ("rounds", "seconds", "warmup")
        if (value := getattr(args, name)) is not None
    }
    if not can_pin() or (os.cpu_count() or 1) < 2:
        print("note: taskset or a second core is missing: server and wrk run unpinned.")
        chosen.update(server_cpu=None, client_cpu=None)
    return dataclasses.replace(settings, **chosen)


def _log(message: str) -> None:
    print(message, flush=True)


def _tables(
    samples: Samples, scenarios: tuple[Scenario, ...], comparisons: tuple[Comparison, ...]
) -> list[tuple[str, str, str, list[Row]]]:
    tables = []
    for comparison in comparisons:
        subject, baseline = _LABELS[comparison.subject], _LABELS[comparison.baseline]
        rows = compare(samples, comparison, scenarios)
        tables.append((f"{subject} / {baseline}", subject, baseline, rows))
    return tables


def _row_dict(row: Row) -> dict[str, Any]:
    return {
        "scenario": row.scenario,
        "subject_rps": row.subject.as_dict(),
        "baseline_rps": row.baseline.as_dict(),
        "ratio": row.ratio.as_dict(),
        "subject_cpu_us": row.subject_cpu_us.as_dict(),
        "baseline_cpu_us": row.baseline_cpu_us.as_dict(),
        "cpu_ratio": row.cpu_ratio.as_dict(),
        "goal": row.goal,
        "met": row.met,
    }


def _side_measures(
    targets: tuple[Target, ...], scenarios: tuple[Scenario, ...], settings: Settings
) -> dict[str, Any]:
    extra: dict[str, Any] = {"memory": {}, "startup": {}, "imports": {}}
    for target in targets:
        if target.name.startswith("orionis") and settings.memory_requests:
            _log(f"memory: {target.label}...")
            extra["memory"][target.label] = measure_memory(target, scenarios, settings)
    if settings.startup_runs:
        _log("cold start and import times...")
        cpu = settings.server_cpu
        raw = target_list.TARGETS[0]
        extra["startup"]["skeleton, GET /up"] = cold_start(
            SKELETON, "/up", cpu, settings.startup_runs
        )
        extra["startup"]["raw RSGI (Granian alone)"] = cold_start(
            raw, "/plaintext", cpu, settings.startup_runs
        )
        for statement in IMPORTS:
            extra["imports"][statement] = import_time(statement, settings.import_runs)
    return extra


def run(args: argparse.Namespace, settings: Settings) -> tuple[dict[str, Any], str]:
    """Measure everything asked for; the results and their Markdown."""
    ensure_wrk()
    targets = target_list.select(args.targets)
    comparisons: tuple[Comparison, ...] = COMPARISONS
    if args.before is not None:
        extra_targets, extra_comparisons = before_targets(args.before)
        targets, comparisons = targets + extra_targets, comparisons + extra_comparisons
    scenarios = scenario_list.select(args.scenarios)
    if args.skip_memory:
        settings = dataclasses.replace(settings, memory_requests=0)
    if args.skip_startup:
        settings = dataclasses.replace(settings, startup_runs=0)
    samples = measure(targets, scenarios, settings, _log)
    tables = _tables(samples, scenarios, comparisons)
    described = settings.as_dict()
    if any(scenario.name == "web" for scenario in scenarios):
        described["session_driver"] = session_driver()
    results: dict[str, Any] = {
        "date": datetime.date.today().isoformat(),
        "settings": described,
        "machine": machine(),
        "samples": {
            target: {
                name: [dataclasses.asdict(m) for m in runs] for name, runs in by_scenario.items()
            }
            for target, by_scenario in samples.items()
        },
        "load_average": os.getloadavg(),
        "comparisons": {title: [_row_dict(row) for row in rows] for title, _, _, rows in tables},
        **_side_measures(targets, scenarios, settings),
    }
    return results, markdown(results, tables)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        results, text = run(args, settings_from(args))
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    print()
    print(text)
    if not args.no_save:
        stem = results["date"] + ("-quick" if results["settings"]["quick"] else "")
        for path in write(args.output, stem, results, text):
            print(f"written: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
