"""Container resolve cost against hand-written construction, measured in one run.

Graph: controller -> service -> repository, plus a singleton clock injected into the service.
Prints ns per resolve (best of 5 timeit repeats, candidates interleaved so machine noise hits
them alike) and the ratio to hand-written code. Target: ``make`` at most 4x hand-written.

Run: ``.venv/bin/python bench/container.py`` (``make bench-container``).
"""

from __future__ import annotations

import timeit
from collections.abc import Callable
from typing import Any

from orionis.container import Container

NUMBER = 100_000
REPEAT = 5
TARGET_RATIO = 4.0


class Clock:
    """The singleton."""


class Repository:
    """The leaf: no dependencies."""


class Service:
    def __init__(self, repository: Repository, clock: Clock) -> None:
        self.repository = repository
        self.clock = clock


class Controller:
    def __init__(self, service: Service) -> None:
        self.service = service


def resolves() -> dict[str, Callable[[], Any]]:
    """The graph built by hand, by ``make``, and by a compiled call plan."""
    app = Container()
    app.singleton(Clock)
    clock = app.make(Clock)
    plan = app.compile_call(Controller)
    make = app.make

    def hand_written() -> Controller:
        return Controller(Service(Repository(), clock))

    def via_make() -> Controller:
        return make(Controller)

    def via_getitem() -> Controller:
        return app[Controller]  # type: ignore[no-any-return]

    def via_compiled_plan() -> Controller:
        return plan()  # type: ignore[no-any-return]

    return {
        "hand-written": hand_written,
        "app.make(Controller)": via_make,
        "app[Controller]": via_getitem,
        "compile_call(Controller)()": via_compiled_plan,
    }


def scopes() -> dict[str, Callable[[], Any]]:
    """Per-request costs: opening and closing a scope, resolving a scoped service in it."""
    app = Container()
    app.scoped(Repository)
    scope = app.scope()
    scope.__enter__()
    app.make(Repository)

    def open_and_close() -> None:
        with app.scope():
            pass

    def scoped_resolve() -> Repository:
        return app.make(Repository)  # type: ignore[no-any-return]

    return {
        "with app.scope(): (open+close)": open_and_close,
        "scoped make (cached)": scoped_resolve,
    }


def best_ns(candidates: dict[str, Callable[[], Any]]) -> dict[str, float]:
    """Nanoseconds per call of each candidate: the best of REPEAT interleaved rounds."""
    for fn in candidates.values():
        fn()  # compile and fill caches first
    best = dict.fromkeys(candidates, float("inf"))
    for _ in range(REPEAT):
        for name, fn in candidates.items():
            best[name] = min(best[name], timeit.timeit(fn, number=NUMBER) / NUMBER * 1e9)
    return best


def main() -> None:
    results = best_ns(resolves())
    base = results["hand-written"]
    print(f"{'resolve (3-level graph + singleton)':<38}{'ns/op':>9}{'x hand':>9}")
    for name, ns in results.items():
        print(f"{name:<38}{ns:>9.0f}{ns / base:>9.2f}")
    for name, ns in best_ns(scopes()).items():
        print(f"{name:<38}{ns:>9.0f}")
    ratio = results["app.make(Controller)"] / base
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    print(f"make is {ratio:.2f}x hand-written: {verdict} the {TARGET_RATIO:.0f}x target")


if __name__ == "__main__":
    main()
