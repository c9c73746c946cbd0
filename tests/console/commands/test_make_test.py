"""``make:test``: the generated test passes under pytest in the project."""

from __future__ import annotations

import subprocess
import sys

from tests.console.conftest import Project


def test_the_generated_test_passes_in_the_project(project: Project) -> None:
    result = project.run("make:test", "Http/UsersTest")

    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Test created: tests/http/test_users.py",
        "Run it with: pytest tests/http/test_users.py",
    ]
    # pytest finds tests/ as plain folders, like the skeleton's own tests.
    assert not (project.root / "tests" / "__init__.py").exists()
    assert project.read("tests/http/test_users.py").startswith('"""Tests of users."""')
    # The skeleton's pyproject.toml runs async tests with pytest-asyncio in auto mode.
    project.write("pytest.ini", "[pytest]\nasyncio_mode = auto\n")

    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout


def test_the_generated_test_fails_when_the_application_cannot_boot(project: Project) -> None:
    assert project.run("make:test", "test_boot").code == 0
    project.write(
        "bootstrap/app.py",
        """
        from pathlib import Path

        from orionis import Application
        from orionis.foundation.enums.lifespan import Lifespan


        def fail() -> None:
            raise RuntimeError("no database")


        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.on(Lifespan.STARTUP, fail)
        """,
    )

    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_boot.py"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert run.returncode == 1, run.stdout + run.stderr
    assert "no database" in run.stdout
