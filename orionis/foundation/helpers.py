"""Global helpers that reach the current application, Laravel style."""

from __future__ import annotations

from typing import Any

from orionis.config import config
from orionis.foundation.application import Application

__all__ = ["app", "config"]


def app(abstract: Any = None, **params: Any) -> Any:
    """The current application, or ``make(abstract, **params)`` on it."""
    application = Application.get_instance()
    if abstract is None:
        return application
    return application.make(abstract, **params)
