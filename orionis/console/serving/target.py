"""The application a worker of ``reactor serve`` serves, imported from its target.

While ``serve`` reloads (development), an edit can break the import itself: a syntax error in
``bootstrap/app.py`` or a config file, a provider whose ``register()`` raises. Granian would then
have no worker until the next edit, and the browser would wait on a port nobody answers. So,
only then, the failed import is printed and a `FailedApplication` takes the application's
place: every request gets a 500 that points to the terminal. Outside reload an import error
stops the server as before.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from typing import Any

from orionis.console.serving.errors import ServeError
from orionis.http.boot_failure import FailedApplication, failure_notice, reloading

__all__ = ["TARGET_VARIABLE", "from_environment", "import_target"]

TARGET_VARIABLE = "ORIONIS_SERVE_TARGET"
"""The application's target (``bootstrap:app``) for `from_environment`, set by ``serve``."""


def import_target(target: str) -> Any:
    """The object ``module:attribute`` names (``attribute`` defaults to ``app``); while
    ``serve`` reloads, a `FailedApplication` answering 500 when importing it raises."""
    module, _, attribute = target.partition(":")
    try:
        return getattr(importlib.import_module(module), attribute or "app")
    except Exception:
        if not reloading():
            raise
        traceback.print_exc(file=sys.stderr)
        # Nothing loaded says whether debug pages are allowed: the page points to the terminal.
        return FailedApplication(failure_notice)


def from_environment() -> Any:
    """Granian's factory target (``--factory``) while ``serve`` reloads without public files:
    the application named by `TARGET_VARIABLE`."""
    target = os.environ.get(TARGET_VARIABLE)
    if target is None:
        raise ServeError(
            f"{__name__}:from_environment is the server target of `reactor serve`, which sets "
            f"{TARGET_VARIABLE}. Start the server with `reactor serve`, or serve bootstrap:app "
            "with Granian directly."
        )
    return import_target(target)
