"""Finding the application: ``bootstrap.app`` in the working directory."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from orionis.console import ApplicationNotFoundError
from orionis.console.loader import load_application
from orionis.foundation.application import Application
from tests.console.conftest import Project, fresh_start


def test_the_application_of_the_working_directory_is_loaded(project: Project) -> None:
    fresh_start()

    app = load_application()

    assert isinstance(app, Application)
    assert app.base_path() == project.root.resolve()
    assert app.config.get("app.name") == "Console Test"


def test_a_folder_without_bootstrap_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The repository's own bootstrap/ must not be importable from elsewhere on the path.
    path = [entry for entry in sys.path if not (Path(entry or ".") / "bootstrap").exists()]
    monkeypatch.setattr(sys, "path", path)
    fresh_start()

    with pytest.raises(ApplicationNotFoundError) as raised:
        load_application(tmp_path)

    assert str(raised.value) == (
        f"No bootstrap package in {tmp_path.resolve()}: reactor runs the application that "
        "bootstrap/app.py builds. Run it from the project root (the folder holding bootstrap/, "
        "config/ and app/), or create bootstrap/__init__.py with `from bootstrap.app import app`."
    )


def test_a_bootstrap_without_an_application_is_explained(project: Project) -> None:
    project.write("bootstrap/__init__.py", "app = None\n")
    fresh_start()

    with pytest.raises(ApplicationNotFoundError) as raised:
        load_application(project.root)

    assert str(raised.value) == (
        f"{project.root.resolve() / 'bootstrap' / '__init__.py'} does not expose the "
        "application: its `app` is None. bootstrap/__init__.py should contain "
        "`from bootstrap.app import app`, and bootstrap/app.py should build "
        "`app = Application(base_path=...)`."
    )


def test_a_bootstrap_from_another_folder_is_not_taken(project: Project, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    fresh_start()
    load_application(project.root)  # "bootstrap" is now the project's, in sys.modules

    with pytest.raises(ApplicationNotFoundError, match=r"the 'bootstrap' found is .*project"):
        load_application(elsewhere)


def test_an_import_error_inside_bootstrap_is_not_hidden(project: Project) -> None:
    project.write("bootstrap/app.py", "import a_module_that_is_missing\n")
    fresh_start()

    with pytest.raises(ModuleNotFoundError, match="a_module_that_is_missing"):
        load_application(project.root)
