"""What is measured: the raw baselines and the framework, each on RSGI and on ASGI."""

from __future__ import annotations

import runpy
from dataclasses import dataclass, field
from pathlib import Path

from harness.errors import BenchError

__all__ = [
    "BENCH",
    "COMPARISONS",
    "PROJECT",
    "ROOT",
    "TARGETS",
    "Comparison",
    "Target",
    "before_targets",
    "select",
    "session_driver",
]

BENCH = Path(__file__).resolve().parent.parent
ROOT = BENCH.parent
PROJECT = BENCH / "project"


@dataclass(frozen=True, slots=True)
class Target:
    """One Granian app: ``granian --interface <interface> <app>`` run in ``cwd``, with ``env``
    added to the environment."""

    name: str
    label: str
    interface: str
    app: str
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)


TARGETS = (
    Target("raw-rsgi", "raw RSGI", "rsgi", "raw_rsgi:app", BENCH),
    Target("raw-asgi", "raw ASGI", "asgi", "raw_asgi:app", BENCH),
    Target("orionis-rsgi", "Orionis RSGI", "rsgi", "bootstrap:app", PROJECT),
    Target("orionis-asgi", "Orionis ASGI", "asgi", "bootstrap:app", PROJECT),
)


@dataclass(frozen=True, slots=True)
class Comparison:
    """``subject``'s req/s over ``baseline``'s, per round; ``goals`` by scenario (None: none)."""

    subject: str
    baseline: str
    goals: dict[str, float] | None


COMPARISONS = (
    Comparison(
        "orionis-rsgi", "raw-rsgi", {"plaintext": 0.65, "json": 0.60, "users": 0.60, "di": 0.55}
    ),
    Comparison(
        "orionis-asgi", "raw-asgi", dict.fromkeys(("plaintext", "json", "users", "di"), 0.80)
    ),
    Comparison("raw-asgi", "raw-rsgi", None),
)


def before_targets(checkout: Path) -> tuple[tuple[Target, ...], tuple[Comparison, ...]]:
    """The bench project served by the framework of another checkout (``checkout/orionis``),
    and the comparisons of this tree's framework with it: a hot-path change's before/after."""
    if not (checkout / "orionis" / "__init__.py").is_file():
        raise BenchError(
            f"--before {checkout}: no orionis package there. Pass the root of a checkout "
            "(e.g. `git worktree add /tmp/before HEAD`), not its orionis/ folder."
        )
    env = {"PYTHONPATH": str(checkout.resolve())}  # found before the editable install
    targets = (
        Target("before-rsgi", "before RSGI", "rsgi", "bootstrap:app", PROJECT, env),
        Target("before-asgi", "before ASGI", "asgi", "bootstrap:app", PROJECT, env),
    )
    comparisons = (
        Comparison("orionis-rsgi", "before-rsgi", None),
        Comparison("orionis-asgi", "before-asgi", None),
    )
    return targets, comparisons


def select(names: list[str] | None) -> tuple[Target, ...]:
    """The targets named (all when ``names`` is empty)."""
    if not names:
        return TARGETS
    known = {target.name: target for target in TARGETS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise BenchError(f"Unknown target(s) {', '.join(unknown)}: choose from {', '.join(known)}.")
    return tuple(target for target in TARGETS if target.name in names)


def session_driver() -> str:
    """The session driver of the bench project's /web scenario (config/session.py)."""
    driver = runpy.run_path(str(PROJECT / "config" / "session.py")).get("driver")
    return str(driver)
