"""`run`: replace this process with Granian (``os.execve``), as the plan says.

Why exec and not Granian's click command in-process: the console has imported the
application (``bootstrap.app``) to find its commands, and Granian forks its workers; forked
workers would inherit that CLI-built application, and a ``--reload`` would fork them again
from the same stale modules. After exec, Granian's main process has imported no application
code, each worker imports it fresh, and signals (SIGTERM, SIGINT, SIGHUP) are Granian's own.
The PID stays the same, so whoever started ``reactor serve`` can stop the server by it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import NoReturn

from orionis.config import unload_environment
from orionis.console.serving.errors import ServeError
from orionis.console.serving.plan import ServePlan

__all__ = ["run", "server_environment"]

_GRANIAN_PREFIX = "GRANIAN_"


def server_environment(extra: Mapping[str, str]) -> dict[str, str]:
    """The environment of the server: the real one, the ``GRANIAN_*`` values of ``.env``, and
    ``extra``. Undoes the ``.env`` load of this process (call it last).

    The workers load ``.env`` themselves; had they inherited its values, those would count as
    real variables there and win over ``.env`` edits picked up by ``--reload``.
    """
    loaded = dict(os.environ)
    unload_environment()
    real = dict(os.environ)
    from_dotenv = {
        key: value
        for key, value in loaded.items()
        if key.startswith(_GRANIAN_PREFIX) and key not in real
    }
    return {**real, **from_dotenv, **extra}


def run(plan: ServePlan) -> NoReturn:
    """Exec ``python -m granian`` with the plan's arguments; never returns."""
    environment = server_environment(plan.env)
    command = [sys.executable, "-m", "granian", *plan.argv]
    # Buffered output would be lost by exec.
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execve(sys.executable, command, environment)
    except OSError as error:
        raise ServeError(
            f"Could not start Granian ({sys.executable} -m granian): {error}. Check that "
            "granian is installed in this environment (pip install 'granian[uvloop,reload]')."
        ) from error
