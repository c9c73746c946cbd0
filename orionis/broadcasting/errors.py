"""Errors of the broadcasting layer."""

from orionis.support.errors import OrionisError

__all__ = ["BroadcastError"]


class BroadcastError(OrionisError):
    """A message cannot be encoded, or the broadcast backend (Redis) cannot be reached."""
