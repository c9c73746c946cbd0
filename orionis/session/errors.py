"""Errors of the session layer."""

from orionis.support.errors import OrionisError

__all__ = ["SessionError"]


class SessionError(OrionisError):
    """A session is misconfigured, unavailable, or holds a value it cannot store."""
