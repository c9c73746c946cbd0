"""``Limit``: how many attempts, per how long, counted under which key."""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass

from orionis.ratelimit.errors import RateLimitError

__all__ = ["Limit"]


@dataclass(frozen=True, slots=True)
class Limit:
    """``Limit.per_minute(60).by(request.client)``: 60 attempts a minute for each client.

    Without ``by()`` every request shares one counter: a limit for the whole application.
    ``Limit.none()`` lets everything through (a plan without limits, say).
    """

    max_attempts: int
    decay_seconds: float = 60.0
    key: str = ""
    unlimited: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.max_attempts, bool) or not isinstance(self.max_attempts, int):
            raise RateLimitError(f"Limit max_attempts must be an int; got {self.max_attempts!r}.")
        if self.max_attempts < 1:
            raise RateLimitError(
                f"Limit max_attempts must be 1 or more; got {self.max_attempts}. Use "
                "Limit.none() for no limit."
            )
        if not self.decay_seconds > 0:
            raise RateLimitError(
                f"Limit decay must be more than 0 seconds; got {self.decay_seconds!r}."
            )

    @classmethod
    def per_second(cls, max_attempts: int, decay_seconds: float = 1) -> Limit:
        """``max_attempts`` per ``decay_seconds`` seconds."""
        return cls(max_attempts, float(decay_seconds))

    @classmethod
    def per_minute(cls, max_attempts: int, decay_minutes: float = 1) -> Limit:
        """``max_attempts`` per ``decay_minutes`` minutes."""
        return cls(max_attempts, decay_minutes * 60.0)

    @classmethod
    def per_minutes(cls, decay_minutes: float, max_attempts: int) -> Limit:
        """``max_attempts`` per ``decay_minutes`` minutes (Laravel's argument order)."""
        return cls(max_attempts, decay_minutes * 60.0)

    @classmethod
    def per_hour(cls, max_attempts: int, decay_hours: float = 1) -> Limit:
        """``max_attempts`` per ``decay_hours`` hours."""
        return cls(max_attempts, decay_hours * 3600.0)

    @classmethod
    def per_day(cls, max_attempts: int, decay_days: float = 1) -> Limit:
        """``max_attempts`` per ``decay_days`` days."""
        return cls(max_attempts, decay_days * 86400.0)

    @classmethod
    def none(cls) -> Limit:
        """No limit: requests are neither counted nor refused."""
        return cls(sys.maxsize, unlimited=True)

    def by(self, key: object) -> Limit:
        """This limit counted separately for each ``key`` (a user id, an IP address…)."""
        return dataclasses.replace(self, key="" if key is None else str(key))
