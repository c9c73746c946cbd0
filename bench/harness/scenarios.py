"""The scenarios: one request each, and the exact response every target must give."""

from __future__ import annotations

from dataclasses import dataclass

from harness.errors import BenchError

__all__ = ["SCENARIOS", "Scenario", "select"]


@dataclass(frozen=True, slots=True)
class Scenario:
    """``GET path`` answered with ``status``, ``content_type`` and ``body``, byte for byte."""

    name: str
    path: str
    content_type: str
    body: bytes
    status: int = 200


SCENARIOS = (
    Scenario("plaintext", "/plaintext", "text/plain; charset=utf-8", b"Hello, World!"),
    Scenario("json", "/json", "application/json", b'{"message":"Hello, World!"}'),
    Scenario("users", "/users/42", "application/json", b'{"id":42}'),
    Scenario("di", "/di", "application/json", b'{"message":"Hello, World!"}'),
)


def select(names: list[str] | None) -> tuple[Scenario, ...]:
    """The scenarios named (all when ``names`` is empty), in the table's order."""
    if not names:
        return SCENARIOS
    known = {scenario.name: scenario for scenario in SCENARIOS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise BenchError(
            f"Unknown scenario(s) {', '.join(unknown)}: choose from {', '.join(known)}."
        )
    return tuple(scenario for scenario in SCENARIOS if scenario.name in names)
