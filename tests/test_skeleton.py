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
        await app.boot(Runtime.CLI)

    greeter = app.make(Greeter)
    assert greeter is app.make(Greeter)
    name = app.config.get("app.name")
    assert greeter.greet("Ada") == f"Hello, Ada! Greetings from {name}."
    assert f"{name} is ready" in caplog.text
