"""The Granian command line ``reactor serve`` becomes (the process is replaced by Granian, so
its PID is Granian's main PID): serve's production defaults are named explicitly, and each
steps aside when a variable or a forwarded option sets the value."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from tests.integration.serve.reactor import Reactor
from tests.support.servers import Server

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads process details from /proc"
)

SERVE_DEFAULTS = {
    "--loop": "uvloop",
    "--http": "1",  # cleartext: silent sockets are closed by the header read timeout
    "--http1-header-read-timeout": "5000",
    "--workers-kill-timeout": "30",
}


def command_line(server: Server) -> list[str]:
    """The arguments the server process runs with now (after the exec)."""
    raw = Path(f"/proc/{server.process.pid}/cmdline").read_bytes()
    return raw.decode().split("\0")[:-1]


def option(args: list[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args else None


def test_serve_becomes_granian_with_the_same_pid(reactor: Reactor, project: Path) -> None:
    server = reactor(project)
    httpx.get(f"{server.url}/up", timeout=10)

    assert f"Starting granian (main PID: {server.process.pid})" in server.output()
    assert command_line(server)[1:3] == ["-m", "granian"]


def test_production_defaults_are_named(reactor: Reactor, project: Path) -> None:
    server = reactor(project)
    args = command_line(server)

    assert {name: option(args, name) for name in SERVE_DEFAULTS} == SERVE_DEFAULTS
    assert int(option(args, "--backpressure") or 0) > 0


def test_variables_and_forwarded_options_replace_the_defaults(
    reactor: Reactor, project: Path
) -> None:
    env = {"GRANIAN_LOOP": "asyncio", "GRANIAN_BACKPRESSURE": "2048"}
    server = reactor(project, "--workers-kill-timeout", "9", env=env)
    args = command_line(server)

    assert "--loop" not in args
    assert "--backpressure" not in args
    assert args.count("--workers-kill-timeout") == 1
    assert option(args, "--workers-kill-timeout") == "9"
    assert httpx.get(f"{server.url}/greeting", timeout=10).text == "hello", server.output()


def test_without_a_public_folder_the_application_is_served_unwrapped(
    reactor: Reactor, project: Path
) -> None:
    shutil.rmtree(project / "storage")
    server = reactor(project)
    args = command_line(server)

    assert args[-1] == "bootstrap:app"
    assert "--factory" not in args
    assert "Static files:" not in server.output()
    assert httpx.get(f"{server.url}/greeting", timeout=10).text == "hello"


def test_with_a_public_folder_the_workers_serve_the_wrapper(
    reactor: Reactor, project: Path
) -> None:
    server = reactor(project)
    args = command_line(server)

    assert args[-2:] == ["--factory", "orionis.console.serving.public_files:from_environment"]
    public = (project / "storage" / "app" / "public").resolve()
    assert f"Static files: /static/ -> {public}" in server.output()
