"""Enumerations of the application lifecycle."""

from orionis.foundation.enums.lifespan import Lifespan
from orionis.foundation.enums.runtimes import Runtime
from orionis.foundation.enums.states import LifecycleState

__all__ = ["LifecycleState", "Lifespan", "Runtime"]
