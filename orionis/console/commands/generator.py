"""`GeneratorCommand`: what the ``make:*`` commands share: names, stubs, safe writing."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template
from typing import ClassVar

from orionis.console.command import Argument, Command, Option
from orionis.console.errors import CommandError
from orionis.foundation.application import Application

__all__ = [
    "FORCE",
    "GeneratorCommand",
    "Target",
    "render_stub",
    "snake_case",
    "studly_case",
]

FORCE = Option("--force", "-f", is_flag=True, help="Overwrite the file if it exists.")

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def snake_case(name: str) -> str:
    """``UserController`` -> ``user_controller``; ``HTTPClient`` -> ``http_client``."""
    return _WORD_BOUNDARY.sub("_", name).replace("-", "_").lower()


def studly_case(name: str) -> str:
    """``user_controller`` -> ``UserController``; ``UserController`` stays as it is."""
    parts = [part for part in re.split(r"[_\-]+", name) if part]
    return "".join(part[:1].upper() + part[1:] for part in parts)


def render_stub(name: str, **values: str) -> str:
    """The stub ``orionis/console/stubs/<name>.py.stub`` with ``${key}`` replaced by values."""
    stub = resources.files("orionis.console").joinpath("stubs", f"{name}.py.stub")
    return Template(stub.read_text(encoding="utf-8")).substitute(values)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a generated class goes: its file, class name and dotted module."""

    path: Path
    class_name: str
    module: str

    @property
    def snake(self) -> str:
        """The file name without ``.py`` (``user_controller``)."""
        return self.path.stem


class GeneratorCommand(Command):
    """A ``make:*`` command: ``NAME`` (``UserController`` or ``Admin/UserController``) names
    the class and, snake-cased, its file under ``folder``; subfolders become packages."""

    boots = False
    kind: ClassVar[str] = "Class"
    folder: ClassVar[tuple[str, ...]] = ("app",)
    packages: ClassVar[bool] = True
    """Whether new folders get an ``__init__.py`` (not under tests/)."""
    arguments = [Argument("name", help="The class name, e.g. User or Admin/User.")]
    options = [FORCE]

    def target(self, app: Application, name: str, file_name: str | None = None) -> Target:
        """The file, class and module for ``name``; raises `CommandError` when it is invalid."""
        parts = [part for part in re.split(r"[/\\]", name) if part]
        class_name = studly_case(parts[-1]) if parts else ""
        folders = [snake_case(part) for part in parts[:-1]]
        file_stem = file_name or snake_case(class_name)
        if not _valid(class_name, file_stem, *folders):
            raise CommandError(
                f"{name!r} is not a valid {self.kind.lower()} name. Use letters, digits and _, "
                f"starting with a letter, with / for subfolders: e.g. Users or Admin/Users."
            )
        relative = (*self.folder, *folders, f"{file_stem}.py")
        return Target(app.base_path(*relative), class_name, ".".join(relative)[: -len(".py")])

    def write(self, app: Application, target: Target, content: str, force: bool) -> None:
        """Write ``content`` to the target's file, refusing to replace one unless ``force``."""
        shown = target.path.relative_to(app.base_path())
        if target.path.exists() and not force:
            raise CommandError(f"{shown} already exists. Pass --force to overwrite it.")
        self._make_folders(app.base_path(), target.path.parent)
        target.path.write_text(content, encoding="utf-8")
        self.info(f"{self.kind} created: {shown}")

    def _make_folders(self, base: Path, folder: Path) -> None:
        missing = [path for path in (folder, *folder.parents) if not path.exists()]
        for path in reversed(missing):
            path.mkdir()
            if self.packages and path.is_relative_to(base):
                (path / "__init__.py").touch()


def _valid(*names: str) -> bool:
    return all(name.isidentifier() and not keyword.iskeyword(name) for name in names)
