"""Fixtures of the end-to-end tests: real servers (Granian RSGI, Granian ASGI, uvicorn) as
subprocesses, serving the skeleton or a small project written for the test."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.integration.projects import Serve, serve_project
from tests.support.servers import ROOT, SERVER_KINDS, Server, free_port, running, server_command

# The skeleton's own settings, pinned so that a developer's .env cannot change the answers.
SKELETON_ENV = {
    "APP_NAME": "Orion Test",
    "APP_ENV": "production",
    "APP_DEBUG": "false",
    # The web group encrypts cookies: a fixed test key (random bytes: weak keys are refused).
    "APP_KEY": "base64:dTOo5EUjl1IoOZPuKEzWd67HxtyKMl+PlL7Djm88QVo=",
    "SESSION_DRIVER": "file",
}


@pytest.fixture(scope="module", params=SERVER_KINDS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Each test runs under Granian RSGI, Granian ASGI and uvicorn."""
    kind: str = request.param
    return kind


@pytest.fixture(scope="module")
def skeleton(server_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the server of ``server_kind`` serving the skeleton's ``bootstrap:app``."""
    log = tmp_path_factory.mktemp(server_kind) / "server.log"
    port = free_port()
    command = server_command(server_kind, "bootstrap:app", port)
    with running(command, cwd=ROOT, log=log, port=port, env=SKELETON_ENV) as server:
        yield server.url


@pytest.fixture
def serve(server_kind: str) -> Iterator[Serve]:
    """``serve(project, env={...}, wait=True)`` serves ``project``'s ``bootstrap:app`` with the
    server of ``server_kind``; every server started is stopped after the test."""
    with ExitStack() as servers:

        def start(
            project: Path, *, env: Mapping[str, str] | None = None, wait: bool = True
        ) -> Server:
            return serve_project(servers, server_kind, project, env=env, wait=wait)

        yield start
