"""Fixtures of the kernel tests: a real Application on tmp_path, called through RSGI and ASGI."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

import pytest

from orionis.config import unload_environment
from orionis.foundation.application import Application
from tests.http.kernel import controllers
from tests.support.drivers import Result, call_asgi, call_rsgi

ROUTE_PREAMBLE = (
    "from orionis.routing import Route\n"
    "from tests.http.kernel import controllers as c\n"
    "from tests.http.kernel import middleware as m\n"
)
CONFIG_PREAMBLE = (
    "from orionis.config import env\n"
    "from tests.http.kernel import controllers as c\n"
    "from tests.http.kernel import middleware as m\n"
)


class Call(Protocol):
    """``await call(app, "GET", "/path", query=b"", headers=(), body=b"", events=None)``."""

    def __call__(
        self,
        app: Any,
        method: str,
        path: str,
        *,
        query: bytes = ...,
        headers: Any = ...,
        body: bytes = ...,
        events: list[str] | None = ...,
    ) -> Awaitable[Result]: ...


AppFactory = Callable[..., Awaitable[Application]]


@pytest.fixture(params=["rsgi", "asgi"])
def interface(request: pytest.FixtureRequest) -> str:
    """Every kernel test runs once through RSGI and once through ASGI."""
    name: str = request.param
    return name


@pytest.fixture
def call(interface: str) -> Call:
    """The driver of the current interface."""
    return call_rsgi if interface == "rsgi" else call_asgi


@pytest.fixture(autouse=True)
def _clean_state() -> Iterator[None]:
    before, path = dict(os.environ), list(sys.path)
    controllers.events.clear()
    yield
    controllers.events.clear()
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

    ``await make_app(web="Route.get('/', c.hello)", api=..., config={"http": "..."},
    env="APP_DEBUG=true", views={"hello.html": "..."}, setup=lambda app: ..., boot=True)``.
    Route and config files see ``Route``, ``c`` (controllers) and ``m`` (middleware).
    """
    apps: list[Application] = []

    async def build(
        *,
        web: str | None = None,
        api: str | None = None,
        health: str | None = "/up",
        config: Mapping[str, str] | None = None,
        env: str = "",
        views: Mapping[str, str] | None = None,
        setup: Callable[[Application], object] | None = None,
        boot: bool = True,
    ) -> Application:
        for section, source in (config or {}).items():
            _write(tmp_path / "config" / f"{section}.py", source, CONFIG_PREAMBLE)
        for name, source in (views or {}).items():
            _write(tmp_path / "resources" / "views" / name, source)
        if env:
            _write(tmp_path / ".env", env)
        for name, routes in (("web", web), ("api", api)):
            if routes is not None:
                _write(tmp_path / "routes" / f"{name}.py", routes, ROUTE_PREAMBLE)
        app = Application(base_path=tmp_path)
        apps.append(app)
        app.with_routing(
            web="routes/web.py" if web is not None else None,
            api="routes/api.py" if api is not None else None,
            health=health,
        )
        if setup is not None:
            setup(app)
        if boot:
            await app.boot()
        return app

    yield build
    for app in reversed(apps):
        await app.shutdown()
