"""GRANIAN_* variables set the server like flags do, from the real environment or the
project's .env (the real environment wins, a flag wins over both); options ``serve`` does not
define go to Granian unchanged."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.integration.serve.reactor import Reactor
from tests.support.servers import HOST, free_port


def test_port_and_interface_from_the_environment(reactor: Reactor, project: Path) -> None:
    port = free_port()
    env = {"GRANIAN_PORT": str(port), "GRANIAN_INTERFACE": "asgi"}
    server = reactor(project, env=env, port=port)

    response = httpx.get(f"http://{HOST}:{port}/interface", timeout=10)

    assert response.text == "asgi", server.output()


def test_port_and_interface_from_dotenv(reactor: Reactor, project: Path) -> None:
    port = free_port()
    (project / ".env").write_text(f"GRANIAN_PORT={port}\nGRANIAN_INTERFACE=asgi\n")
    server = reactor(project, port=port)

    response = httpx.get(f"http://{HOST}:{port}/interface", timeout=10)

    assert response.text == "asgi", server.output()


def test_the_real_environment_wins_over_dotenv(reactor: Reactor, project: Path) -> None:
    port = free_port()
    (project / ".env").write_text(f"GRANIAN_PORT={free_port()}\nGRANIAN_INTERFACE=asgi\n")
    server = reactor(project, env={"GRANIAN_PORT": str(port)}, port=port)

    response = httpx.get(f"http://{HOST}:{port}/interface", timeout=10)

    assert response.text == "asgi", server.output()


def test_a_flag_wins_over_the_environment(reactor: Reactor, project: Path) -> None:
    server = reactor(project, "--interface", "rsgi", env={"GRANIAN_INTERFACE": "asgi"})

    assert httpx.get(f"{server.url}/interface", timeout=10).text == "rsgi", server.output()


def test_unknown_options_go_to_granian(reactor: Reactor, project: Path) -> None:
    # Granian's access log is off by default; --access-log is not an option of serve.
    server = reactor(project, "--access-log")

    httpx.get(f"{server.url}/greeting?from=access-log-test", timeout=10)

    assert _eventually(lambda: "/greeting" in server.output()), server.output()


def test_a_forwarded_option_wins_over_the_serve_default(reactor: Reactor, project: Path) -> None:
    # serve's default header read timeout is 5 s; forwarded, 1 s closes an idle socket sooner.
    server = reactor(project, "--http1-header-read-timeout", "1000")
    with socket.create_connection((HOST, server.port), timeout=10) as idle:
        idle.sendall(b"GET /greeting HTTP/1.1\r\nHost: test\r\n\r\n")
        assert idle.recv(65536).startswith(b"HTTP/1.1 200")
        # Within 4 s (less than serve's 5 s) the server closes the idle connection: b"".
        idle.settimeout(4)
        assert idle.recv(65536) == b"", server.output()


def _eventually(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
