"""The skeleton as a new user gets it: bootstrap, provider, config and lifespan wired together."""

from __future__ import annotations

import logging

import pytest

from orionis import Application
from orionis.foundation import Runtime


async def test_bootstrap_exposes_the_application_and_its_provider_takes_effect(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from app.services.greeter import Greeter
    from bootstrap import app

    assert isinstance(app, Application)
    with caplog.at_level(logging.INFO, logger="app"):
        await app.boot(Runtime.HTTP)

    greeter = app.make(Greeter)
    assert greeter is app.make(Greeter)
    name = app.config.get("app.name")
    assert greeter.greet("Ada") == f"Hello, Ada! Greetings from {name}."
    assert f"{name} is ready" in caplog.text


def test_the_skeleton_console_command_runs_with_its_service_injected() -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-m", "orionis", "greet", "Ada"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "APP_NAME": "Skeleton"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Hello, Ada! Greetings from Skeleton."
