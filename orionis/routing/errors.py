"""The routing package's error."""

from orionis.support.errors import OrionisError

__all__ = ["RoutingError"]


class RoutingError(OrionisError):
    """A route is defined, compiled or used wrongly; the message names where and the fix."""
