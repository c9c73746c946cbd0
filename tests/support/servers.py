"""Real server processes for end-to-end tests: started on a free port, always stopped.

``running(command, cwd=..., log=..., port=...)`` starts the command in its own session (so the
server and every worker it spawns share one process group), waits until the port accepts
connections and, whatever the test does, stops that group by the process's own PID. Output goes
to a file that the failure messages quote.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

__all__ = [
    "BIN",
    "HOST",
    "ROOT",
    "SERVER_KINDS",
    "Server",
    "free_port",
    "running",
    "server_command",
    "start",
]

ROOT = Path(__file__).resolve().parents[2]
# The virtualenv's scripts: the servers installed next to the Python running the tests.
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0

# The servers an Orionis application must run under, unchanged.
SERVER_KINDS = ("granian-rsgi", "granian-asgi", "uvicorn")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def server_command(kind: str, target: str, port: int) -> list[str]:
    """The command line serving ``target`` (``module:attr``) with one worker on ``port``."""
    if kind in ("granian-rsgi", "granian-asgi"):
        interface = kind.removeprefix("granian-")
        return [
            str(BIN / "granian"),
            *("--interface", interface, "--host", HOST, "--port", str(port)),
            *("--workers", "1", target),
        ]
    if kind == "uvicorn":
        return [str(BIN / "uvicorn"), target, "--host", HOST, "--port", str(port)]
    raise ValueError(f"Unknown server kind {kind!r}; use one of {', '.join(SERVER_KINDS)}.")


class Server:
    """A server process in its own process group, with its output in ``log``."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process = process
        self.port = port
        self.log = log

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:8123``."""
        return f"http://{HOST}:{self.port}"

    def output(self) -> str:
        """Everything the server wrote to stdout and stderr so far."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_until_accepting(self, timeout: float = START_TIMEOUT) -> None:
        """Return once the port accepts connections; fail with the output if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"The server exited with status {self.process.returncode} before accepting "
                    f"connections on port {self.port}:\n{self.output()}",
                    pytrace=False,
                )
            try:
                socket.create_connection((HOST, self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        pytest.fail(
            f"The server did not accept connections on port {self.port} within {timeout:g} s:\n"
            f"{self.output()}",
            pytrace=False,
        )

    def wait_for_exit(self, timeout: float = START_TIMEOUT) -> int:
        """The exit status; fail with the output if the process still runs after ``timeout``."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(
                f"The server was still running {timeout:g} s later:\n{self.output()}",
                pytrace=False,
            )

    def signal(self, signum: int) -> None:
        """Send ``signum`` to the server process itself (not its group), as a terminal would."""
        if self.process.poll() is None:
            self.process.send_signal(signum)

    def stop(self) -> None:
        """Stop the whole process group: SIGTERM, then SIGKILL if it lingers."""
        if self.process.poll() is None:
            _kill_group(self.process.pid, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=STOP_TIMEOUT)
        # Workers can outlive their parent: whatever is left of the group goes too.
        _kill_group(self.process.pid, signal.SIGKILL)
        self.process.wait()


def _kill_group(pgid: int, signum: int) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)


def start(
    command: Sequence[str],
    *,
    cwd: Path,
    log: Path,
    port: int,
    env: Mapping[str, str] | None = None,
) -> Server:
    """Start ``command`` in a new session with ``env`` added to this process's environment."""
    environment = {**os.environ, **(env or {})}
    with log.open("wb") as output:
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Server(process, port, log)


@contextmanager
def running(
    command: Sequence[str],
    *,
    cwd: Path,
    log: Path,
    port: int,
    env: Mapping[str, str] | None = None,
    wait: bool = True,
) -> Iterator[Server]:
    """Start the server, wait until it accepts (unless ``wait=False``), always stop it."""
    server = start(command, cwd=cwd, log=log, port=port, env=env)
    try:
        if wait:
            server.wait_until_accepting()
        yield server
    finally:
        server.stop()
