"""Fixtures of the ``reactor serve`` tests: a fresh project, and ``reactor`` to serve it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.integration.serve.project import write_serve_project
from tests.integration.serve.reactor import Reactor, reactor_in


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the serve test project."""
    return write_serve_project(tmp_path / "project")


@pytest.fixture
def reactor(tmp_path: Path) -> Iterator[Reactor]:
    """``reactor(project, *args, env=..., port=...)`` starts ``reactor serve`` there; every
    server is stopped after the test, even when it fails."""
    with ExitStack() as servers:
        yield reactor_in(servers, tmp_path)
