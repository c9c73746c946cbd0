"""The lifespan events callbacks can be registered for with ``app.on()``."""

from enum import Enum

__all__ = ["Lifespan"]


class Lifespan(Enum):
    """When a lifespan callback runs: after boot (STARTUP) or when the process ends (SHUTDOWN)."""

    STARTUP = "startup"
    SHUTDOWN = "shutdown"
