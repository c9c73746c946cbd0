"""Errors of the view layer."""

from orionis.support.errors import OrionisError

__all__ = ["ViewError"]


class ViewError(OrionisError):
    """A template could not be found or rendered."""
