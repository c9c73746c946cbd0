"""Finding the application ``reactor`` runs: ``bootstrap.app`` in the working directory."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from orionis.console.errors import ApplicationNotFoundError
from orionis.foundation.application import Application

__all__ = ["load_application"]


def load_application(directory: Path | None = None) -> Application:
    """Import ``bootstrap`` from ``directory`` (the working directory) and return its ``app``."""
    root = (directory or Path.cwd()).resolve()
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    try:
        module = importlib.import_module("bootstrap")
    except ModuleNotFoundError as error:
        if error.name != "bootstrap":
            raise
        raise ApplicationNotFoundError(_missing(root)) from None
    location = Path(getattr(module, "__file__", None) or root / "bootstrap")
    if not location.resolve().is_relative_to(root):
        raise ApplicationNotFoundError(_missing(root) + f" (the 'bootstrap' found is {location}.)")
    app = getattr(module, "app", None)
    if not isinstance(app, Application):
        raise ApplicationNotFoundError(
            f"{location} does not expose the application: its `app` is {app!r}. "
            "bootstrap/__init__.py should contain `from bootstrap.app import app`, and "
            "bootstrap/app.py should build `app = Application(base_path=...)`."
        )
    return app


def _missing(root: Path) -> str:
    return (
        f"No bootstrap package in {root}: reactor runs the application that bootstrap/app.py "
        "builds. Run it from the project root (the folder holding bootstrap/, config/ and "
        "app/), or create bootstrap/__init__.py with `from bootstrap.app import app`."
    )
