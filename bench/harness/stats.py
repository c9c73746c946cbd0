"""Median and spread of per-round figures."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

__all__ = ["Summary", "summarize"]


@dataclass(frozen=True, slots=True)
class Summary:
    """The median of some per-round figures and their range."""

    median: float
    low: float
    high: float

    def as_dict(self) -> dict[str, float]:
        return {"median": self.median, "min": self.low, "max": self.high}


def summarize(values: list[float]) -> Summary:
    """``values``' median, minimum and maximum."""
    return Summary(statistics.median(values), min(values), max(values))
