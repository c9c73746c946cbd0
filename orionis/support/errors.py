"""The root of every error the framework raises."""

__all__ = ["OrionisError"]


class OrionisError(Exception):
    """Base class of all framework errors; catch it to catch any of them."""
