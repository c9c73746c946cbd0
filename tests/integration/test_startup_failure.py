"""A failing STARTUP callback or provider boot(), a missing or weak APP_KEY, a config value of
the wrong type or APP_DEBUG=true in production stop every server (and ``reactor serve``) with
the culprit named in the output, before the port ever accepts a connection."""

from __future__ import annotations

import socket
import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.integration.projects import Serve, write_project
from tests.integration.serve.reactor import reactor_in
from tests.support.servers import HOST, START_TIMEOUT, Server

BOOTSTRAP = """
    from pathlib import Path

    from orionis import Application
    from orionis.foundation.enums.lifespan import Lifespan

    from app.lifespan import connect_database

    app = Application(base_path=Path(__file__).resolve().parent.parent)
    app.on(Lifespan.STARTUP, connect_database)
    app.with_routing(health="/up")
"""

FAILING_CALLBACK = {
    "app/lifespan.py": """
        def connect_database() -> None:
            raise ConnectionError("database at db.internal:5432 refused the connection")
    """,
    "bootstrap/app.py": BOOTSTRAP,
}

FAILING_PROVIDER = {
    "app/lifespan.py": """
        def connect_database() -> None:
            print("connect_database must not run after a failed boot", flush=True)
    """,
    "app/broken_provider.py": """
        from orionis import ServiceProvider


        class BrokenProvider(ServiceProvider):
            async def boot(self) -> None:
                raise RuntimeError("the payment gateway key is missing")
    """,
    "config/app.py": """
        from app.broken_provider import BrokenProvider

        providers = [BrokenProvider]
    """,
    "bootstrap/app.py": BOOTSTRAP,
}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            FAILING_CALLBACK,
            "STARTUP callback app.lifespan.connect_database failed: ConnectionError: "
            "database at db.internal:5432 refused the connection",
        ),
        (
            FAILING_PROVIDER,
            "Provider app.broken_provider.BrokenProvider failed in boot(): RuntimeError: "
            "the payment gateway key is missing",
        ),
    ],
    ids=["startup-callback", "provider-boot"],
)
def test_the_server_exits_with_the_error(
    serve: Serve, tmp_path: Path, files: dict[str, str], message: str
) -> None:
    server = serve(write_project(tmp_path / "project", files), wait=False)
    status = server.wait_for_exit()
    output = server.output()
    assert status != 0, output
    assert message in output
    assert "must not run" not in output


# ----------------------------------------------------------------- unsafe or broken settings

SETTINGS_PROJECT = {
    "config/app.py": """
        from orionis.config import env

        debug = env("APP_DEBUG", False)
        key = env("APP_KEY", "")
    """,
    "config/http.py": """
        from orionis.config import env

        middleware_groups = {"web": ["cookies", "session"], "api": []}
        max_concurrent_requests = env("HTTP_MAX_CONCURRENT_REQUESTS", 0)
    """,
    "config/session.py": """
        from orionis.config import env

        driver = "memory"
        lifetime = env("SESSION_LIFETIME", 120)
    """,
    "routes/web.py": """
        from orionis.routing import Route

        Route.get("/", lambda: "served")
    """,
    "bootstrap/app.py": """
        from pathlib import Path

        from orionis import Application

        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.with_routing(web="routes/web.py", health="/up")
    """,
}
GOOD_KEY = "base64:Yv0Q3XkqS3Nm7m1c0j1pJbQ2r1mC9TtB2fQH5Yx8kq4="
SAFE = {"APP_ENV": "production", "APP_DEBUG": "false", "APP_KEY": GOOD_KEY}

CASES = {
    "missing-key": ({"APP_KEY": ""}, "APP_KEY is not set, and encryption needs it"),
    "weak-key": (
        {"APP_KEY": "base64:" + "A" * 43 + "="},
        "APP_KEY is weak: its 32 bytes hold only 1 distinct value",
    ),
    "wrong-type": (
        {"SESSION_LIFETIME": "abc"},
        "It comes from SESSION_LIFETIME='abc' (the environment or .env): SESSION_LIFETIME "
        "must hold int.",
    ),
    "wrong-type-limit": (
        {"HTTP_MAX_CONCURRENT_REQUESTS": "lots"},
        "HTTP_MAX_CONCURRENT_REQUESTS must hold int.",
    ),
    "debug-in-production": (
        {"APP_DEBUG": "true"},
        "APP_DEBUG is true while APP_ENV is production",
    ),
}


def exit_status_without_accepting(server: Server) -> int:
    """Wait (bounded) for the server to exit, trying to connect all along; fail if the port
    ever accepted a connection. Granian binds before its workers boot but, measured, refuses
    connections until a worker is ready."""
    deadline = time.monotonic() + START_TIMEOUT
    while server.process.poll() is None:
        assert time.monotonic() < deadline, f"Still running:\n{server.output()}"
        try:
            socket.create_connection((HOST, server.port), timeout=0.2).close()
        except OSError:
            time.sleep(0.02)
            continue
        pytest.fail(f"Port {server.port} accepted a connection:\n{server.output()}")
    return server.process.returncode


@pytest.mark.parametrize(("env", "culprit"), CASES.values(), ids=CASES.keys())
def test_unsafe_settings_stop_the_server_before_it_accepts(
    serve: Serve, tmp_path: Path, env: dict[str, str], culprit: str
) -> None:
    project = write_project(tmp_path / "project", SETTINGS_PROJECT)
    server = serve(project, env={**SAFE, **env}, wait=False)

    status = exit_status_without_accepting(server)

    output = server.output()
    assert status != 0, output
    assert culprit in output


@pytest.mark.parametrize("interface", ["rsgi", "asgi"])
@pytest.mark.parametrize(("env", "culprit"), CASES.values(), ids=CASES.keys())
def test_reactor_serve_refuses_unsafe_settings_before_it_accepts(
    tmp_path: Path, interface: str, env: dict[str, str], culprit: str
) -> None:
    project = write_project(tmp_path / "project", SETTINGS_PROJECT)
    with ExitStack() as servers:
        reactor = reactor_in(servers, tmp_path)
        server = reactor(project, "--interface", interface, env={**SAFE, **env}, wait=False)

        status = exit_status_without_accepting(server)

        output = server.output()
        assert status != 0, output
        assert culprit in output


def test_the_same_project_serves_with_safe_settings(serve: Serve, tmp_path: Path) -> None:
    # Proves the cases above fail for their setting alone, not for the project.
    project = write_project(tmp_path / "project", SETTINGS_PROJECT)
    server = serve(project, env=SAFE)
    with socket.create_connection((HOST, server.port), timeout=5) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        connection.settimeout(10)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200"), answer
    assert answer.endswith(b"served")
