"""Microseconds per request in-process: the framework against the raw apps, without a server.

The apps are called as Granian would call them (``__rsgi__(scope, proto)``, ASGI
``app(scope, receive, send)``) with stand-in scope and protocol objects, on uvloop, in one
process. No sockets and no Granian: what is left is exactly the Python each app runs per
request, which is what hot-path work changes. The best of several repeats of this process's
CPU time is kept, so other processes on the machine barely move the figures (unlike req/s).
``--profile di`` prints a cProfile of that scenario on the framework's RSGI path.

Run: ``.venv/bin/python bench/inprocess.py [--number 20000] [--profile SCENARIO]``.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import uvloop
from harness.scenarios import SCENARIOS, Scenario
from harness.server import server_env
from harness.targets import PROJECT

Call = Callable[[], Awaitable[None]]


class _Headers(dict[str, str]):
    """Stands for Granian's RSGI headers: a mapping with ``get`` and ``items``."""


class _Scope:
    """The attributes of an RSGI HTTP scope, as Granian fills them for a plain GET."""

    proto = "http"
    http_version = "1.1"
    scheme = "http"
    method = "GET"
    query_string = ""
    client = "127.0.0.1:50000"
    server = "127.0.0.1:8000"
    authority = None

    def __init__(self, path: str) -> None:
        self.path = path
        self.headers = _Headers({"host": "127.0.0.1:8000", "user-agent": "wrk", "accept": "*/*"})


class _Proto:
    """An RSGI HTTP protocol that keeps the last response."""

    def __init__(self) -> None:
        self.sent: tuple[int, list[tuple[str, str]], bytes] | None = None

    def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.sent = (status, headers, body)

    def response_str(self, status: int, headers: list[tuple[str, str]], body: str) -> None:
        self.sent = (status, headers, body.encode())

    def __aiter__(self) -> Any:
        raise AssertionError("a GET without a body is never read")


def _asgi_scope(path: str) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1:8000"), (b"user-agent", b"wrk"), (b"accept", b"*/*")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


def rsgi_call(app: Any, scenario: Scenario) -> Call:
    """One request of ``scenario`` to an RSGI app; checks the response once."""
    handler = app.__rsgi__ if hasattr(app, "__rsgi__") else app
    scope, proto = _Scope(scenario.path), _Proto()

    async def call() -> None:
        await handler(scope, proto)

    return call


def asgi_call(app: Any, scenario: Scenario) -> Call:
    """One request of ``scenario`` to an ASGI app."""
    scope = _asgi_scope(scenario.path)
    request = {"type": "http.request", "body": b"", "more_body": False}

    async def receive() -> dict[str, Any]:
        return request

    async def send(message: dict[str, Any]) -> None:
        pass

    async def call() -> None:
        await app(scope, receive, send)

    return call


async def _per_request(call: Call, number: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        # CPU time of this process, not wall time: other processes on the core do not count.
        started = time.process_time()
        for _ in range(number):
            await call()
        best = min(best, time.process_time() - started)
    return best / number * 1e6


def _apps(
    loop: asyncio.AbstractEventLoop,
) -> dict[str, tuple[Any, Callable[[Any, Scenario], Call]]]:
    sys.path[:0] = [str(PROJECT), str(Path(__file__).parent)]
    os.environ.update({"APP_ENV": "production", "APP_DEBUG": "false"})
    os.environ.setdefault("APP_KEY", server_env()["APP_KEY"])  # /web's cookies need one
    import raw_asgi
    import raw_rsgi

    from bootstrap import app

    loop.run_until_complete(app.boot())
    return {
        "raw RSGI": (raw_rsgi.app, rsgi_call),
        "Orionis RSGI": (app, rsgi_call),
        "raw ASGI": (raw_asgi.app, asgi_call),
        "Orionis ASGI": (app, asgi_call),
    }


def _check(app: Any, scenario: Scenario, loop: asyncio.AbstractEventLoop) -> None:
    proto = _Proto()
    handler = app.__rsgi__ if hasattr(app, "__rsgi__") else app
    loop.run_until_complete(handler(_Scope(scenario.path), proto))
    assert proto.sent is not None, scenario
    assert scenario.comparable(proto.sent[2]) == scenario.body, (scenario, proto.sent)


def _best_of(
    calls: list[Call], number: int, repeat: int, loop: asyncio.AbstractEventLoop
) -> list[float]:
    """µs per request of each call, the best of ``repeat`` rounds that alternate between them."""
    best = [float("inf")] * len(calls)
    for _ in range(repeat):
        for index, call in enumerate(calls):
            figure = loop.run_until_complete(_per_request(call, number, 1))
            best[index] = min(best[index], figure)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--number", type=int, default=10_000, help="requests per repeat")
    parser.add_argument("--repeat", type=int, default=15, help="repeats (the best is kept)")
    parser.add_argument("--profile", metavar="SCENARIO", help="cProfile Orionis RSGI on it")
    args = parser.parse_args()
    loop = uvloop.new_event_loop()
    apps = _apps(loop)
    if args.profile:
        _profile(apps["Orionis RSGI"][0], args.profile, args.number, loop)
        return
    names = list(apps)
    header = [*names[:2], "RSGI extra", *names[2:], "ASGI extra"]
    print(f"{'µs/request':<12}" + "".join(f"{name:>14}" for name in header))
    for scenario in SCENARIOS:
        _check(apps["raw RSGI"][0], scenario, loop)
        _check(apps["Orionis RSGI"][0], scenario, loop)
        calls = [make(app, scenario) for app, make in apps.values()]
        raw_r, fw_r, raw_a, fw_a = _best_of(calls, args.number, args.repeat, loop)
        cells = (raw_r, fw_r, fw_r - raw_r, raw_a, fw_a, fw_a - raw_a)
        print(f"{scenario.name:<12}" + "".join(f"{figure:>14.2f}" for figure in cells))


def _profile(app: Any, name: str, number: int, loop: asyncio.AbstractEventLoop) -> None:
    scenario = next(s for s in SCENARIOS if s.name == name)
    call = rsgi_call(app, scenario)
    loop.run_until_complete(_per_request(call, 1000, 1))
    profiler = cProfile.Profile()
    profiler.enable()
    loop.run_until_complete(_per_request(call, number, 1))
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(60)


if __name__ == "__main__":
    main()
