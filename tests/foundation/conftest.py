from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from orionis.config import unload_environment
from tests.foundation import recorder


@pytest.fixture(autouse=True)
def _clean_state() -> Iterator[None]:
    recorder.events.clear()
    before = dict(os.environ)
    path = list(sys.path)
    yield
    recorder.events.clear()
    unload_environment()
    sys.path[:] = path
    for key in set(os.environ) - set(before):
        del os.environ[key]
    os.environ.update(before)


ProjectFactory = Callable[..., Path]


@pytest.fixture
def project(tmp_path: Path) -> ProjectFactory:
    """Write a throwaway skeleton: ``project(app="...python...", env="APP_ENV=local")``."""

    def make(*, env: str = "", **configs: str) -> Path:
        (tmp_path / "config").mkdir(exist_ok=True)
        for section, source in configs.items():
            (tmp_path / "config" / f"{section}.py").write_text(textwrap.dedent(source))
        if env:
            (tmp_path / ".env").write_text(textwrap.dedent(env))
        return tmp_path

    return make
