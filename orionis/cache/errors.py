"""Errors of the cache layer."""

from orionis.support.errors import OrionisError

__all__ = ["CacheError"]


class CacheError(OrionisError):
    """A cache value cannot be stored or changed, or the cache is misconfigured."""
