"""The skeleton's package names (``app``, ``bootstrap``, ``config``, ``routes``) in ``sys.modules``.

A test that loads another project in this process must import that project's packages, not the
ones an earlier test imported under the same names, and leave the earlier ones as they were.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

__all__ = ["PROJECT_PACKAGES", "forget_project_modules", "own_project_modules", "project_modules"]

PROJECT_PACKAGES = ("app", "bootstrap", "config", "routes")


def project_modules() -> dict[str, ModuleType]:
    """The imported modules of the project packages, by name."""
    return {
        name: module
        for name, module in sys.modules.items()
        if name.partition(".")[0] in PROJECT_PACKAGES
    }


def forget_project_modules() -> None:
    """Drop them, so the next import reads the current project's files, as a new process would."""
    for name in project_modules():
        del sys.modules[name]


@contextmanager
def own_project_modules() -> Iterator[None]:
    """Import the project packages afresh inside; put back what was imported before on exit."""
    saved = project_modules()
    forget_project_modules()
    try:
        yield
    finally:
        forget_project_modules()
        sys.modules.update(saved)
