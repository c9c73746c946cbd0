"""A fresh application per test, built by the project's own ``bootstrap/app.py``.

``bootstrap/app.py`` builds ``app`` when it runs, so each test runs the file again (with
``runpy``, leaving ``sys.modules`` alone) under ``APP_ENV=testing``: ``.env`` then
``.env.testing`` are loaded. `isolated_process` puts back what building it changed.
"""

from __future__ import annotations

import os
import runpy
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from orionis.config import ConfigError, current_repository, unload_environment, use_repository
from orionis.foundation.application import Application
from orionis.testing.errors import TestingError

__all__ = ["TESTING_ENVIRONMENT", "create_application", "isolated_process"]

TESTING_ENVIRONMENT = "testing"


@contextmanager
def isolated_process() -> Iterator[None]:
    """Restore ``os.environ``, ``sys.path``, the current Application and configuration on exit.

    Values an earlier ``.env`` load wrote are removed first, as a fresh process would not
    have them, so the application built inside reads its own files.
    """
    unload_environment()
    environ, path = dict(os.environ), list(sys.path)
    instance = Application._instance
    try:
        repository = current_repository()
    except ConfigError:
        repository = None
    try:
        yield
    finally:
        unload_environment()
        os.environ.clear()
        os.environ.update(environ)
        sys.path[:] = path
        Application._instance = instance
        if repository is not None:
            use_repository(repository)


def create_application(bootstrap: Path, environment: str = TESTING_ENVIRONMENT) -> Application:
    """Run ``bootstrap`` (the project's ``bootstrap/app.py``) and return the ``app`` it builds.

    ``APP_ENV`` is set to ``environment`` first; call inside `isolated_process`.
    """
    if not bootstrap.is_file():
        raise TestingError(
            f"No {bootstrap.name} at {bootstrap}: the `app` fixture builds the application "
            "by running the project's bootstrap/app.py. Run pytest from the project root, or "
            "set `orionis_bootstrap = path/to/app.py` in [tool.pytest.ini_options]."
        )
    os.environ["APP_ENV"] = environment
    root = str(bootstrap.resolve().parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)  # bootstrap/app.py imports the project's own packages
    namespace = runpy.run_path(str(bootstrap), run_name="__orionis_test_bootstrap__")
    app = namespace.get("app")
    if not isinstance(app, Application):
        raise TestingError(
            f"{bootstrap} did not build an application: its `app` is {app!r}. It should "
            "contain `app = Application(base_path=...)`."
        )
    return app
