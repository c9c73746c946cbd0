"""Starting ``reactor serve`` for a test: ``python -m orionis serve`` in a project, as a real
process in its own session, stopped by its PID (the server's process group) afterwards."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from pathlib import Path

from tests.support.servers import Server, free_port, running

__all__ = ["PINNED_ENV", "Reactor", "reactor_in", "serve_command"]

# A developer's .env must not change the answers: no reload, no debug pages.
PINNED_ENV = {"APP_ENV": "production", "APP_DEBUG": "false"}

Reactor = Callable[..., Server]
"""``reactor(project, *args, env=None, port=None, wait=True) -> Server``."""


def serve_command(*args: str) -> list[str]:
    """``python -m orionis serve ...`` with this virtualenv's Python."""
    return [sys.executable, "-m", "orionis", "serve", *args]


def reactor_in(servers: ExitStack, logs: Path) -> Reactor:
    """A ``reactor`` function whose servers stop when ``servers`` closes; ``--port`` is added
    unless ``port`` is given (then the environment or .env names it)."""

    def serve(
        project: Path,
        *args: str,
        env: Mapping[str, str] | None = None,
        port: int | None = None,
        wait: bool = True,
    ) -> Server:
        flags: list[str] = []
        if port is None:
            port = free_port()
            flags = ["--port", str(port)]
        command = serve_command(*flags, *args)
        environment = {**PINNED_ENV, **(env or {})}
        log = logs / f"serve-{port}.log"
        return servers.enter_context(
            running(command, cwd=project, log=log, port=port, env=environment, wait=wait)
        )

    return serve
