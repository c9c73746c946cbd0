"""Fixtures of the console tests: a small project on tmp_path, run through ``main(argv)``.

Every run starts like a fresh ``reactor`` process: the project's modules (``app``,
``bootstrap``, ``config``, ``routes``) are dropped from ``sys.modules`` and the variables the
last ``.env`` load wrote are removed, so the project is imported and its app built anew.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from orionis.config import unload_environment
from orionis.console.__main__ import main
from orionis.console.loader import load_application
from orionis.foundation.application import Application
from tests.support.project_modules import forget_project_modules, project_modules

BASE_FILES: dict[str, str] = {
    "bootstrap/__init__.py": "from bootstrap.app import app\n",
    "bootstrap/app.py": """
        from pathlib import Path

        from orionis import Application

        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.with_routing(web="routes/web.py")
    """,
    "config/app.py": """
        from orionis.config import env

        name = env("APP_NAME", "Console Test")
        debug = env("APP_DEBUG", False)
        key = env("APP_KEY", "")
        providers: list = []
    """,
    "app/__init__.py": "",
    "app/console/__init__.py": "",
    "app/console/commands/__init__.py": "",
    "routes/web.py": """
        from orionis.routing import Route


        def home() -> str:
            return "home"


        Route.get("/", home).name("home")
    """,
}


@dataclass(frozen=True)
class Result:
    """What one ``reactor`` run did: its exit code and its output streams."""

    code: int
    out: str
    err: str


class Project:
    """A project folder (the working directory) with helpers to write files and run reactor."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self._capsys = capsys

    def write(self, relative: str, source: str) -> Path:
        """Write ``source`` (dedented) to ``relative``, creating folders."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip())
        return path

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text()

    def run(self, *argv: str) -> Result:
        """``reactor *argv`` in-process, as a fresh process would run it."""
        fresh_start()
        self._capsys.readouterr()
        code = main(list(argv))
        out, err = self._capsys.readouterr()
        return Result(code, out, err)

    def load(self) -> Application:
        """The project's application, imported anew (not booted)."""
        fresh_start()
        return load_application(self.root)


def fresh_start() -> None:
    """Forget the project's modules and .env values, as a new process would not have them."""
    unload_environment()
    forget_project_modules()


@pytest.fixture(autouse=True)
def _clean_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    environ, path = dict(os.environ), list(sys.path)
    modules = project_modules()
    instance = Application._instance
    for name in ("APP_NAME", "APP_ENV", "APP_DEBUG", "APP_KEY", "APP_URL"):
        monkeypatch.delenv(name, raising=False)
    yield
    fresh_start()
    sys.modules.update(modules)
    sys.path[:] = path
    for key in set(os.environ) - set(environ):
        del os.environ[key]
    os.environ.update(environ)
    Application._instance = instance


@pytest.fixture
def project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Project:
    """A minimal skeleton in tmp_path (bootstrap, config/app.py, routes/web.py, empty
    app/console/commands/), made the working directory."""
    root = tmp_path / "project"
    root.mkdir()
    created = Project(root, capsys)
    write_files(created, BASE_FILES)
    monkeypatch.chdir(root)
    return created


def write_files(project: Project, files: Mapping[str, str]) -> None:
    for relative, source in files.items():
        project.write(relative, source)
