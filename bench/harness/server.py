"""One Granian server per target, pinned to the server core, stopped by its own process group."""

from __future__ import annotations

import base64
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from types import TracebackType

from harness.errors import BenchError
from harness.processes import children, cpu_seconds, pinned, rss_kib
from harness.targets import Target

__all__ = ["GRANIAN", "HOST", "Server", "free_port", "granian_command", "server_env"]

GRANIAN = Path(sys.executable).parent / "granian"
HOST = "127.0.0.1"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0

# What the framework targets run as: production settings whatever the caller's shell says.
_APP_ENV = {"APP_ENV": "production", "APP_DEBUG": "false"}


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def granian_command(target: Target, port: int) -> list[str]:
    """The Granian command line of the issue: 1 worker, uvloop, HTTP/1, no access log."""
    return [
        str(GRANIAN),
        *("--interface", target.interface, "--host", HOST, "--port", str(port)),
        *("--workers", "1", "--loop", "uvloop", "--http", "1"),
        *("--no-access-log", "--log-level", "warning"),
        target.app,
    ]


def server_env() -> dict[str, str]:
    """This environment without GRANIAN_* settings (a developer's .env must not change runs),
    in production, with a throwaway APP_KEY when none is set (a fresh clone has none, and the
    skeleton's encrypted cookies need one)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GRANIAN_")}
    env.update(_APP_ENV)
    if not env.get("APP_KEY"):
        env["APP_KEY"] = "base64:" + base64.b64encode(os.urandom(32)).decode()
    return env


class Server:
    """``with Server(target, cpu) as server:`` serves ``target`` until the block ends."""

    def __init__(
        self,
        target: Target,
        cpu: int | None,
        command: list[str] | None = None,
        *,
        port: int | None = None,
    ) -> None:
        """``command`` replaces Granian's (it must then listen on ``port``, chosen by the
        caller, or on ``self.port`` when ``port`` is None)."""
        self.target = target
        self.port = free_port() if port is None else port
        self._command = pinned(cpu, command or granian_command(target, self.port))
        self._log = Path(tempfile.mkstemp(prefix=f"bench-{target.name}-", suffix=".log")[1])
        self._process: subprocess.Popen[bytes] | None = None
        self._worker: int | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> Server:
        """Start the server in its own session (so the worker shares its process group)."""
        with self._log.open("wb") as output:
            self._process = subprocess.Popen(
                self._command,
                cwd=self.target.cwd,
                env={**server_env(), **self.target.env},
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def wait_until_accepting(self, timeout: float = START_TIMEOUT) -> None:
        """Return once the port accepts connections; raise with the server's output if not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise self._failure(f"exited with status {self.process.returncode}")
            with suppress(OSError):
                socket.create_connection((HOST, self.port), timeout=0.2).close()
                return
            time.sleep(0.01)
        raise self._failure(f"did not accept connections within {timeout:g} s")

    @property
    def process(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            raise BenchError(f"The {self.target.label} server was not started.")
        return self._process

    def worker_pid(self) -> int:
        """The PID of Granian's worker process (the one running the app)."""
        if self._worker is None:
            workers = children(self.process.pid)
            if len(workers) != 1:
                raise BenchError(
                    f"Expected one Granian worker under PID {self.process.pid}, found {workers}. "
                    "The harness runs Granian with --workers 1; check the Granian version."
                )
            self._worker = workers[0]
        return self._worker

    def worker_cpu_seconds(self) -> float:
        """CPU time the worker has used so far (all its threads)."""
        return cpu_seconds(self.worker_pid())

    def worker_rss_kib(self) -> int:
        """The worker's resident memory in KiB."""
        return rss_kib(self.worker_pid())

    def stop(self) -> None:
        """Stop the process group: SIGTERM, then SIGKILL if anything lingers."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            _kill_group(process.pid, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=STOP_TIMEOUT)
        _kill_group(process.pid, signal.SIGKILL)
        process.wait()
        self._log.unlink(missing_ok=True)

    def __enter__(self) -> Server:
        try:
            self.start().wait_until_accepting()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _failure(self, what: str) -> BenchError:
        output = self._log.read_text(errors="replace") if self._log.exists() else ""
        return BenchError(
            f"The {self.target.label} server ({' '.join(self._command)}, cwd {self.target.cwd}) "
            f"{what}. Its output:\n{output or '(none)'}"
        )


def _kill_group(pgid: int, signum: int) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)
