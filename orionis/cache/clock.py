"""The time the cache and the rate limiter read: a container binding that tests swap.

Expiry is decided by ``Clock.now()``, never by the store's own clock, so that a test can
freeze time and advance it (``FrozenClock.advance(30)``) instead of sleeping, with every
driver, Redis included.
"""

from __future__ import annotations

import time
from typing import Protocol

__all__ = ["Clock", "FrozenClock", "SystemClock"]


class Clock(Protocol):
    """Something that tells the time: seconds since the Unix epoch."""

    def now(self) -> float:
        """The current time, in seconds since the Unix epoch."""
        ...


class SystemClock:
    """The real time (``time.time()``); bound to ``Clock`` by the cache service provider."""

    def now(self) -> float:
        """``time.time()``."""
        return time.time()


class FrozenClock:
    """A clock that moves only when told: ``clock = FrozenClock(); clock.advance(60)``.

    Swap it in before the cache is first used (``app.swap(Clock, FrozenClock())``): a store
    keeps the clock it was built with.
    """

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self._now = float(now)

    def now(self) -> float:
        """The frozen time."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds``."""
        self._now += seconds

    def travel_to(self, timestamp: float) -> None:
        """Set the clock to ``timestamp`` (seconds since the epoch)."""
        self._now = float(timestamp)

    def __repr__(self) -> str:
        return f"FrozenClock({self._now!r})"
