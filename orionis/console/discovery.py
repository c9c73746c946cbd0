"""Finding the application's own commands: every `Command` subclass in app/console/commands/."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from types import ModuleType

from orionis.console.command import Command
from orionis.console.errors import CommandDefinitionError

__all__ = ["discover_commands"]


def discover_commands(folder: Path, base: Path) -> list[type[Command]]:
    """The `Command` subclasses defined in the modules under ``folder`` (recursively).

    Modules are imported by their dotted name relative to ``base`` (the project root, which
    is importable), e.g. ``app.console.commands.send_emails``. Files starting with ``_`` are
    skipped; a class imported into a module is found only in the module defining it.
    """
    if not folder.is_dir():
        return []
    found: list[type[Command]] = []
    for path in sorted(folder.rglob("*.py")):
        if path.name.startswith("_"):
            continue
        module = _import(path, base)
        found.extend(
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, Command)
            and value.__module__ == module.__name__
        )
    return found


def _import(path: Path, base: Path) -> ModuleType:
    name = ".".join(path.relative_to(base).with_suffix("").parts)
    try:
        return importlib.import_module(name)
    except Exception as error:
        raise CommandDefinitionError(
            f"Command module {path} failed to import: {type(error).__name__}: {error}. "
            "Fix the file (run with -v for the traceback)."
        ) from error
