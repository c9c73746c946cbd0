"""Errors of the rate limiter."""

from orionis.support.errors import OrionisError

__all__ = ["RateLimitError"]


class RateLimitError(OrionisError):
    """A limit or a ``throttle`` middleware is written wrong, or names no defined limiter."""
