"""Small pure helpers shared by every layer of the framework (no I/O)."""

from orionis.support.errors import OrionisError
from orionis.support.suggest import did_you_mean

__all__ = ["OrionisError", "did_you_mean"]
