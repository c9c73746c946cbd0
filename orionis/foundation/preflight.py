"""Checks of the environment that refuse to serve HTTP in an unsafe setup, before any request.

They run when the application boots for `Runtime.HTTP` (so every server refuses to start) and
in ``reactor serve`` before Granian starts; console commands are not refused, so that the
commands which fix the setup still run.
"""

from __future__ import annotations

from orionis.config import Repository
from orionis.foundation.errors import UnsafeEnvironmentError

__all__ = ["check_http_environment"]


def check_http_environment(config: Repository, environment: str) -> None:
    """Raise `UnsafeEnvironmentError` when serving HTTP with this config would be unsafe.

    Today: ``APP_DEBUG=true`` with ``APP_ENV=production`` (the environment when APP_ENV is
    unset), which would show stack traces, code and request headers to every visitor.
    """
    if environment == "production" and config.get("app.debug", False) is True:
        raise UnsafeEnvironmentError(
            "APP_DEBUG is true while APP_ENV is production (the default when APP_ENV is unset): "
            "the debug page would show stack traces and source code to anyone. Set "
            "APP_DEBUG=false for production, or APP_ENV=local on a development machine."
        )
