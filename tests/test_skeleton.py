"""The skeleton as a new user gets it: bootstrap, provider, config and lifespan wired together.

Its routes are tested in tests/feature/.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.services.greeter import Greeter
from orionis import Application


def test_bootstrap_exposes_the_application_granian_serves() -> None:
    import bootstrap

    assert isinstance(bootstrap.app, Application)


async def test_the_app_service_provider_binds_the_greeter_once(app: Application) -> None:
    greeter = app.make(Greeter)

    assert greeter is app.make(Greeter)
    assert greeter.greet("Ada") == f"Hello, Ada! Greetings from {app.config.get('app.name')}."


async def test_the_application_runs_under_the_testing_environment(app: Application) -> None:
    assert app.running_unit_tests()
    assert app.config.get("app.env") == "testing"


async def test_startup_is_announced_in_the_log(
    caplog: pytest.LogCaptureFixture, app: Application
) -> None:
    # The app fixture boots the application while the test is set up.
    messages = [record.getMessage() for record in caplog.get_records("setup")]
    assert f"{app.config.get('app.name')} is ready" in messages


def test_the_skeleton_console_command_runs_with_its_service_injected() -> None:
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-m", "orionis", "greet", "Ada"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "APP_NAME": "Skeleton", "APP_ENV": "testing"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Hello, Ada! Greetings from Skeleton."
