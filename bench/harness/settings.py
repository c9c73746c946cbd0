"""How long and how hard the harness measures, from the command line."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["FULL", "QUICK", "Settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    """One run's parameters; ``server_cpu``/``client_cpu`` None means unpinned."""

    rounds: int
    seconds: int
    warmup: int
    connections: int = 64
    memory_requests: int = 100_000
    startup_runs: int = 5
    import_runs: int = 5
    server_cpu: int | None = 0
    client_cpu: int | None = 1
    max_foreign: float = 0.05
    """Cores other processes may use during a measurement before it is taken again."""
    retries: int = 3
    """How many times a disturbed measurement is taken again (the quietest is kept)."""
    quick: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


FULL = Settings(rounds=5, seconds=5, warmup=2)
QUICK = Settings(
    rounds=2,
    seconds=2,
    warmup=1,
    memory_requests=20_000,
    startup_runs=2,
    import_runs=2,
    retries=1,
    quick=True,
)
