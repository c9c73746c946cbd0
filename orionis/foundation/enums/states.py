"""The states an application passes through."""

from enum import Enum

__all__ = ["LifecycleState"]


class LifecycleState(Enum):
    """Where an application is in its life, in the order it gets there."""

    CREATED = "created"
    BOOTING = "booting"
    BOOTED = "booted"
    SHUTTING_DOWN = "shutting_down"
    TERMINATED = "terminated"
