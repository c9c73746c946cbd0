"""Errors of the HTTP layer's setup (request-time errors are in ``exceptions.py``)."""

from orionis.support.errors import OrionisError

__all__ = ["HttpSetupError", "MiddlewareError"]


class HttpSetupError(OrionisError):
    """Routes, actions or the HTTP configuration cannot be turned into a working kernel."""


class MiddlewareError(HttpSetupError):
    """A middleware name, group or class in config/http.py or a route is wrong."""
