"""Keep each config test's environment to itself."""

import os
from collections.abc import Iterator

import pytest

from orionis.config import unload_environment


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # A real APP_ENV on the machine running the tests would pick other .env files.
    monkeypatch.delenv("APP_ENV", raising=False)
    before = set(os.environ)
    yield
    unload_environment()
    for key in set(os.environ) - before:
        del os.environ[key]
