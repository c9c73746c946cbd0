"""Fixtures of the WebSocket tests: a real Application on tmp_path, connected to in-process
through its RSGI entry point and through its ASGI entry point."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from orionis.config import unload_environment
from orionis.foundation.application import Application
from orionis.testing import TestClient, WebSocketTestSession
from tests.http.websocket import handlers

ROUTE_PREAMBLE = (
    "from orionis.routing import Route\nfrom tests.http.websocket import handlers as h\n"
)
CONFIG_PREAMBLE = "from tests.http.websocket import handlers as h\n"
APP_CONFIG = 'from orionis.config import env\nkey = env("APP_KEY", "")\n'
KEY = "base64:dTOo5EUjl1IoOZPuKEzWd67HxtyKMl+PlL7Djm88QVo="

AppFactory = Callable[..., Awaitable[Application]]
Connect = Callable[..., WebSocketTestSession]


@pytest.fixture(params=["rsgi", "asgi"])
def interface(request: pytest.FixtureRequest) -> str:
    """Every WebSocket test runs once through RSGI and once through ASGI."""
    name: str = request.param
    return name


@pytest.fixture(autouse=True)
def _clean_state() -> Iterator[None]:
    before, path = dict(os.environ), list(sys.path)
    handlers.events.clear()
    handlers.CountingHandler.reported.clear()
    yield
    handlers.events.clear()
    handlers.CountingHandler.reported.clear()
    unload_environment()
    sys.path[:] = path
    for key in set(os.environ) - set(before):
        del os.environ[key]
    os.environ.update(before)


def _write(path: Path, source: str, preamble: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(preamble + textwrap.dedent(source))


@pytest.fixture
async def make_app(tmp_path: Path) -> AsyncIterator[AppFactory]:
    """Write a project on tmp_path and build (and boot) its Application.

    ``await make_app(web="Route.websocket('/ws', h.echo)", websockets="idle_timeout = 1",
    http="...", config={"session": "..."}, env="...", setup=lambda app: ..., boot=True)``.
    Route and config files see ``Route`` and ``h`` (this folder's handlers module).
    """
    apps: list[Application] = []

    async def build(
        *,
        web: str = "",
        api: str | None = None,
        websockets: str = "",
        http: str = 'middleware_groups = {"web": [], "api": []}\n',
        config: Mapping[str, str] | None = None,
        env: str = "",
        setup: Callable[[Application], object] | None = None,
        boot: bool = True,
    ) -> Application:
        files = {"app": APP_CONFIG, "websockets": websockets, "http": http, **(config or {})}
        for section, source in files.items():
            _write(tmp_path / "config" / f"{section}.py", source, CONFIG_PREAMBLE)
        _write(tmp_path / ".env", f"APP_KEY={KEY}\n{textwrap.dedent(env)}")
        _write(tmp_path / "routes" / "web.py", web, ROUTE_PREAMBLE)
        if api is not None:
            _write(tmp_path / "routes" / "api.py", api, ROUTE_PREAMBLE)
        app = Application(base_path=tmp_path)
        apps.append(app)
        app.with_routing(web="routes/web.py", api="routes/api.py" if api is not None else None)
        if setup is not None:
            setup(app)
        if boot:
            await app.boot()
        return app

    yield build
    for app in reversed(apps):
        await app.shutdown()


@pytest.fixture
def client(interface: str) -> Callable[[Application], TestClient]:
    """``client(app)``: a test client on the current interface."""
    return lambda app: TestClient(app, kernel=interface)


@pytest.fixture
def connect(interface: str) -> Callable[..., WebSocketTestSession]:
    """``connect(app, "/ws", **options)``: a WebSocket session on the current interface."""

    def open_session(app: Application, path: str, **options: Any) -> WebSocketTestSession:
        return TestClient(app, kernel=interface).websocket(path, **options)

    return open_session
