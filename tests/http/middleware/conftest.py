"""Fixtures of the throttle and concurrency tests: a project on tmp_path called through RSGI
and ASGI from any client address, on a frozen clock, with each cache driver."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

from orionis.cache import CacheRepository, Clock, FrozenClock
from orionis.config import unload_environment
from orionis.foundation.application import Application
from tests.support.drivers import Result, call_asgi, call_rsgi
from tests.support.redis_server import prefix, redis_url

__all__ = ["prefix", "redis_url"]

START = 1_700_000_000.0
PREAMBLE = "from orionis.routing import Route\nfrom tests.http.middleware import controllers as c\n"
CONFIG_PREAMBLE = "from tests.http.middleware import controllers as c\n"

AppFactory = Callable[..., Awaitable[Application]]
Call = Callable[..., Coroutine[Any, Any, Result]]


class FromClient:
    """The application, as seen from the client address ``ip`` (both interfaces)."""

    def __init__(self, app: Application, ip: str) -> None:
        self.app, self.ip = app, ip

    def __rsgi__(self, scope: Any, proto: Any) -> Awaitable[None]:
        scope.client = f"{self.ip}:51000"
        return self.app.__rsgi__(scope, proto)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        scope["client"] = (self.ip, 51000)
        await self.app(scope, receive, send)


@pytest.fixture(params=["rsgi", "asgi"])
def call(request: pytest.FixtureRequest) -> Call:
    """``await call(app, "GET", "/x", client="10.0.0.9", headers=...)``, once per interface."""
    driver = call_rsgi if request.param == "rsgi" else call_asgi

    async def send(app: Application, method: str, path: str, **options: Any) -> Result:
        ip = options.pop("client", None)
        return await driver(app if ip is None else FromClient(app, ip), method, path, **options)

    return send


@pytest.fixture
def clock() -> FrozenClock:
    """The application's clock, frozen: tests advance it instead of sleeping."""
    return FrozenClock(START)


@pytest.fixture(params=["memory", "redis"])
def cache_config(request: pytest.FixtureRequest) -> str:
    """config/cache.py for each driver; the Redis one under this test's own prefix."""
    if request.param == "memory":
        return 'driver = "memory"\n'
    url, key_prefix = request.getfixturevalue("redis_url"), request.getfixturevalue("prefix")
    return f'driver = "redis"\nredis_url = "{url}"\nprefix = "{key_prefix}"\n'


@pytest.fixture(autouse=True)
def _clean_state() -> Iterator[None]:
    before, path = dict(os.environ), list(sys.path)
    yield
    unload_environment()
    sys.path[:] = path
    os.environ.clear()
    os.environ.update(before)


def _write(path: Path, source: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)


@pytest.fixture
async def make_app(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[AppFactory]:
    """``await make_app(web="Route.get(...)", http="...", cache='driver = "memory"')``.

    The app is booted, then its ``Clock`` is swapped for the test's frozen one (as a test of
    an application would do), before anything used the cache.
    """
    apps: list[Application] = []

    async def build(
        *,
        web: str,
        http: str = "",
        cache: str = 'driver = "memory"\n',
        providers: str = "[c.LimitersProvider]",
        setup: Callable[[Application], object] | None = None,
    ) -> Application:
        _write(tmp_path / "config" / "http.py", CONFIG_PREAMBLE + textwrap.dedent(http))
        _write(tmp_path / "config" / "cache.py", cache)
        _write(tmp_path / "config" / "app.py", f"{CONFIG_PREAMBLE}providers = {providers}\n")
        _write(tmp_path / "routes" / "web.py", PREAMBLE + textwrap.dedent(web))
        app = Application(base_path=tmp_path)
        apps.append(app)
        app.with_routing(web="routes/web.py")
        if setup is not None:
            setup(app)
        await app.boot()
        app.swap(Clock, clock)
        return app

    yield build
    for app in reversed(apps):
        await app.make(CacheRepository).flush()  # this test's keys, on Redis too
        await app.shutdown()
