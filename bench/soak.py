"""The soak: rounds of load with faults against one ``reactor serve``, watching worker memory.

The load test's project (tests/integration/load_project.py) is served by ``reactor serve``
(one worker). ``wrk -t1 -c64`` cycles over its JSON, form (through cookies, session and CSRF)
and template routes while two threads keep requesting a route that raises and sending bodies
they cut short. The worker's RSS is read after a warm-up and after every round; the run fails
(exit 1) when the RSS grew by more than ``--max-drift-mb`` from the warm-up to the last round,
when wrk saw a socket error or a response other than a 2xx with the page's marker, when a
fault was not answered as expected, or when the server is unhealthy afterwards.

Run: ``.venv/bin/python bench/soak.py`` (``make soak``: 5 rounds of 60 s after 30 s of
warm-up); ``--rounds 2 --seconds 10 --warmup 5`` for a quick try, ``--help`` for the rest.
Speed is not judged: the machine may be shared, and memory is what a soak is about.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from harness.errors import BenchError
from harness.faults import FaultCounts, Faults
from harness.mixed_load import MixedRequest, MixedResult, open_web_session, run_mixed
from harness.server import HOST, Server, free_port
from harness.targets import ROOT, Target
from harness.wrk import ensure_wrk

sys.path.insert(0, str(ROOT))  # the project lives with the tests that serve it too
from tests.integration.load_project import (
    FORM_PAGE,
    MARKER,
    PARTIAL_NAME,
    RAISING_PATH,
    TALLY_PATH,
    good_requests,
    partial_requests,
    write_load_project,
)

_KIB_PER_MB = 1000 * 1000 / 1024  # the limit is in MB (10^6 bytes), RSS is read in KiB


@dataclass(frozen=True, slots=True)
class Round:
    """One round's figures: wrk's, the faults injected meanwhile, the worker's RSS after."""

    name: str
    load: MixedResult
    errors_answered: int
    partial_bodies: int
    rss_kib: int


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds after warm-up (5)")
    parser.add_argument("--seconds", type=int, default=60, help="seconds per round (60)")
    parser.add_argument("--warmup", type=int, default=30, help="seconds of warm-up (30)")
    parser.add_argument("--interface", choices=("rsgi", "asgi"), default="rsgi")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (64)")
    parser.add_argument(
        "--max-drift-mb", type=float, default=5.0, help="allowed RSS growth after warm-up (5)"
    )
    return parser.parse_args(argv)


def _log(message: str) -> None:
    print(message, flush=True)


def _serve(project: Path, interface: str) -> Server:
    port = free_port()
    target = Target(f"soak-{interface}", f"soak {interface}", interface, "bootstrap:app", project)
    command = [sys.executable, "-m", "orionis", "serve", "--port", str(port)]
    return Server(target, None, [*command, "--interface", interface], port=port)


def _get(server: Server, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, server.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def soak(args: argparse.Namespace) -> tuple[list[Round], FaultCounts, dict[str, object], int]:
    """Warm up, then run the rounds; the rounds, the faults, the app's tally, GET /up's status."""
    ensure_wrk()
    with tempfile.TemporaryDirectory(prefix="soak-") as folder:
        project = write_load_project(Path(folder) / "project")
        with _serve(project, args.interface) as server:
            session = open_web_session(HOST, server.port, FORM_PAGE)
            good = good_requests(session.cookie, session.token)
            mix = [MixedRequest(*request) for request in good]
            cut = partial_requests(f"{HOST}:{server.port}", session.cookie, session.token)
            rounds: list[Round] = []
            with Faults(HOST, server.port, RAISING_PATH, cut) as faults:
                plan = [("warm-up", args.warmup)]
                plan += [(f"{n}/{args.rounds}", args.seconds) for n in range(1, args.rounds + 1)]
                for name, seconds in plan:
                    before = (faults.counts.errors_answered, faults.counts.partial_bodies)
                    load = run_mixed(
                        server.url,
                        mix,
                        marker=MARKER,
                        seconds=seconds,
                        connections=args.connections,
                    )
                    rounds.append(
                        Round(
                            name,
                            load,
                            faults.counts.errors_answered - before[0],
                            faults.counts.partial_bodies - before[1],
                            server.worker_rss_kib(),
                        )
                    )
                    _log(_row(rounds[-1], rounds[0].rss_kib))
            health, _ = _get(server, "/up")
            status, body = _get(server, TALLY_PATH)
            tally = json.loads(body) if status == 200 else {"status": status}
    return rounds, faults.counts, tally, health


_HEADER = (
    f"{'round':<8} {'requests':>9} {'req/s':>7} {'bad':>4} {'sock':>4} "
    f"{'500s':>6} {'cut':>5} {'RSS MB':>7} {'drift':>6}"
)


def _row(entry: Round, warm_kib: int) -> str:
    load = entry.load
    drift = (entry.rss_kib - warm_kib) * 1024 / 1e6
    return (
        f"{entry.name:<8} {load.wrk.requests:>9} {load.wrk.rps:>7.0f} {load.unexpected:>4} "
        f"{load.wrk.socket_errors:>4} {entry.errors_answered:>6} {entry.partial_bodies:>5} "
        f"{entry.rss_kib * 1024 / 1e6:>7.1f} {drift:>+6.2f}"
    )


def failures(
    rounds: list[Round],
    faults: FaultCounts,
    tally: dict[str, object],
    health: int,
    max_drift_mb: float,
) -> list[str]:
    """Why the soak failed; empty when it passed."""
    found = []
    for entry in rounds:
        load = entry.load
        if load.wrk.socket_errors or load.unexpected:
            found.append(
                f"round {entry.name}: {load.wrk.socket_errors} socket errors, statuses "
                f"{load.statuses}, {load.unmarked} 2xx bodies without {MARKER!r}"
            )
        if entry.errors_answered == 0 or entry.partial_bodies == 0:
            found.append(f"round {entry.name}: the faults did not happen (see the table)")
    found += [f"fault: {problem}" for problem in faults.problems]
    stored = tally.get("stored")
    if not isinstance(stored, dict) or stored.get(PARTIAL_NAME):
        found.append(f"forms cut short were handled as if whole: tally {tally}")
    if health != 200:
        found.append(f"GET /up answered {health} after the load")
    drift_kib = rounds[-1].rss_kib - rounds[0].rss_kib
    if drift_kib > max_drift_mb * _KIB_PER_MB:
        found.append(
            f"worker RSS grew by {drift_kib * 1024 / 1e6:.2f} MB after warm-up "
            f"(limit {max_drift_mb:g} MB)"
        )
    return found


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    _log(
        f"soak: reactor serve --interface {args.interface}, wrk -t1 -c{args.connections}, "
        f"{args.warmup} s warm-up + {args.rounds} x {args.seconds} s, faults throughout"
    )
    _log(_HEADER)
    try:
        rounds, faults, tally, health = soak(args)
    except BenchError as error:
        print(f"soak: {error}", file=sys.stderr)
        return 1
    drift = (rounds[-1].rss_kib - rounds[0].rss_kib) * 1024 / 1e6
    _log(
        f"\nRSS drift after warm-up: {drift:+.2f} MB (limit {args.max_drift_mb:g} MB); "
        f"faults: {faults.errors_answered} answered 500, {faults.partial_bodies} bodies cut "
        f"short ({faults.resets} reset); server tally {tally}; GET /up {health}"
    )
    problems = failures(rounds, faults, tally, health, args.max_drift_mb)
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    _log("soak: failed" if problems else "soak: passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
