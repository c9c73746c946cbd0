"""Limit: attempts per window, and the key they are counted under."""

from __future__ import annotations

import pytest

from orionis.ratelimit import Limit, RateLimitError


def test_the_named_constructors_set_attempts_and_window() -> None:
    assert Limit.per_second(5) == Limit(5, 1.0)
    assert Limit.per_minute(60) == Limit(60, 60.0)
    assert Limit.per_minute(10, decay_minutes=5) == Limit(10, 300.0)
    assert Limit.per_minutes(5, 10) == Limit(10, 300.0)
    assert Limit.per_hour(100) == Limit(100, 3600.0)
    assert Limit.per_day(1000) == Limit(1000, 86400.0)


def test_by_returns_a_keyed_copy() -> None:
    limit = Limit.per_minute(60)
    keyed = limit.by(42)
    assert (keyed.key, limit.key) == ("42", "")
    assert keyed.max_attempts == 60 and keyed.decay_seconds == 60.0
    assert limit.by(None).key == ""


def test_none_is_unlimited() -> None:
    assert Limit.none().unlimited and not Limit.per_minute(1).unlimited


@pytest.mark.parametrize(
    ("attempts", "decay", "message"),
    [
        (0, 60, "1 or more"),
        (-1, 60, "1 or more"),
        (1.5, 60, "must be an int"),
        (True, 60, "must be an int"),
        (1, 0, "more than 0 seconds"),
    ],
)
def test_wrong_limits_are_refused(attempts: object, decay: float, message: str) -> None:
    with pytest.raises(RateLimitError, match=message):
        Limit(attempts, decay)  # type: ignore[arg-type]
