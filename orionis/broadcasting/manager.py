"""Builds the broadcaster that ``config/broadcasting.py`` names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orionis.broadcasting.memory import DEFAULT_SEND_TIMEOUT, MemoryBroadcaster
from orionis.config import ConfigError

__all__ = ["DRIVERS", "make_broadcaster"]

DRIVERS = ("memory", "redis")
"""The drivers ``config/broadcasting.py`` may name."""


def make_broadcaster(settings: Mapping[str, Any]) -> MemoryBroadcaster:
    """The broadcaster of the ``broadcasting`` config section (``driver``, ``redis_url``,
    ``prefix``, ``send_timeout``); each has ``close()``, which the application calls at
    shutdown."""
    driver = settings.get("driver", "memory")
    send_timeout = settings.get("send_timeout", DEFAULT_SEND_TIMEOUT)
    if type(send_timeout) not in (int, float) or not send_timeout > 0:
        raise ConfigError(
            "config/broadcasting.py: 'send_timeout' must be a positive number of seconds, "
            f"got {send_timeout!r}. Set BROADCAST_SEND_TIMEOUT in .env."
        )
    if driver == "memory":
        return MemoryBroadcaster(send_timeout)
    if driver == "redis":
        # Imported here: an application on the memory driver never loads redis-py.
        from orionis.broadcasting.redis import DEFAULT_PREFIX, RedisBroadcaster

        return RedisBroadcaster(
            str(settings.get("redis_url", "redis://127.0.0.1:6379/0")),
            str(settings.get("prefix", DEFAULT_PREFIX)),
            send_timeout,
        )
    raise ConfigError(
        f"config/broadcasting.py: 'driver' must be one of {', '.join(map(repr, DRIVERS))}, "
        f"got {driver!r}. Set BROADCAST_DRIVER in .env."
    )
