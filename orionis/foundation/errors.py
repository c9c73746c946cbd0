"""Errors raised while an application is set up, booted or shut down."""

from orionis.support.errors import OrionisError

__all__ = ["BootError", "FoundationError", "SetupError", "UnsafeEnvironmentError"]


class FoundationError(OrionisError):
    """Base of the application lifecycle errors."""


class BootError(FoundationError):
    """A provider, a config value or a STARTUP callback stopped the application from booting."""


class UnsafeEnvironmentError(BootError):
    """The environment is unsafe to serve HTTP in (``APP_DEBUG=true`` in production)."""


class SetupError(FoundationError):
    """A setup call (``bind``, ``on``, ``with_*``…) came after the application booted."""
