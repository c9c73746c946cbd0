"""The clocks: the real one, and the frozen one tests move by hand."""

from __future__ import annotations

import time

from orionis.cache import FrozenClock, SystemClock


def test_the_system_clock_tells_the_real_time() -> None:
    before = time.time()
    now = SystemClock().now()
    assert before <= now <= time.time()


def test_a_frozen_clock_moves_only_when_told() -> None:
    clock = FrozenClock(100)
    assert clock.now() == clock.now() == 100.0
    clock.advance(2.5)
    assert clock.now() == 102.5
    clock.travel_to(50)
    assert clock.now() == 50.0
