"""Fixtures of the web-layer tests: a project on tmp_path with the `web` group switched on,
called through RSGI and ASGI, and a browser-like cookie jar."""

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
from tests.support.drivers import Result, call_asgi, call_rsgi
from tests.support.redis_server import prefix, redis_url

__all__ = ["prefix", "redis_url"]

KEY = "base64:dTOo5EUjl1IoOZPuKEzWd67HxtyKMl+PlL7Djm88QVo="
OLD_KEY = "base64:wcK+DBGlODn4hGkPElTafp/eZyauA5pXLUnUIGmL5bQ="
PREAMBLE = "from orionis.routing import Route\nfrom tests.http.web import controllers as c\n"
WEB_GROUP = 'middleware_groups = {"web": ["cookies", "session", "csrf"], "api": []}\n'
FORM = "application/x-www-form-urlencoded"
APP_CONFIG = """
from orionis.config import env
key = env("APP_KEY", "")
previous_keys = [k for k in env("APP_PREVIOUS_KEYS", "").split(",") if k.strip()]
"""

AppFactory = Callable[..., Awaitable[Application]]


@pytest.fixture(params=["rsgi", "asgi"])
def call(request: pytest.FixtureRequest) -> Callable[..., Awaitable[Result]]:
    """Every web test runs once through RSGI and once through ASGI."""
    return call_rsgi if request.param == "rsgi" else call_asgi


@pytest.fixture(autouse=True)
def _clean_state() -> Iterator[None]:
    before, path = dict(os.environ), list(sys.path)
    yield
    unload_environment()
    sys.path[:] = path
    for key in set(os.environ) - set(before):
        del os.environ[key]
    os.environ.update(before)


def _write(path: Path, source: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))


@pytest.fixture
async def make_app(tmp_path: Path) -> AsyncIterator[AppFactory]:
    """``await make_app(web="Route.get(...)", http="...", session="...", env="...", views={})``.

    ``http`` is added after the web group; ``env`` after ``APP_KEY`` (unless ``key`` is given).
    """
    apps: list[Application] = []

    async def build(
        *,
        web: str = "",
        api: str | None = None,
        http: str = "",
        session: str = 'driver = "memory"\n',
        app_config: str = APP_CONFIG,
        env: str = "",
        key: str = KEY,
        views: Mapping[str, str] | None = None,
        boot: bool = True,
    ) -> Application:
        _write(tmp_path / "config" / "http.py", WEB_GROUP + textwrap.dedent(http))
        _write(tmp_path / "config" / "session.py", session)
        _write(tmp_path / "config" / "app.py", app_config)
        _write(tmp_path / ".env", f"APP_KEY={key}\n{textwrap.dedent(env)}")
        for name, source in (views or {}).items():
            _write(tmp_path / "resources" / "views" / name, source)
        _write(tmp_path / "routes" / "web.py", PREAMBLE + textwrap.dedent(web))
        if api is not None:
            _write(tmp_path / "routes" / "api.py", PREAMBLE + textwrap.dedent(api))
        app = Application(base_path=tmp_path)
        apps.append(app)
        app.with_routing(web="routes/web.py", api="routes/api.py" if api is not None else None)
        if boot:
            await app.boot()
        return app

    yield build
    for app in reversed(apps):
        await app.shutdown()


class Browser:
    """Keeps cookies between calls like a browser: ``await browser.get("/")``."""

    def __init__(self, app: Application, call: Callable[..., Awaitable[Result]]) -> None:
        self.app = app
        self.call = call
        self.cookies: dict[str, str] = {}

    async def request(
        self, method: str, path: str, *, headers: Mapping[str, str] | None = None, **kw: Any
    ) -> Result:
        sent = dict(headers or {})
        if self.cookies:
            sent["cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        result = await self.call(self.app, method, path, headers=sent, **kw)
        for header in result.headers.get_all("set-cookie"):
            name, _, rest = header.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in header:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return result

    async def get(self, path: str, **kw: Any) -> Result:
        return await self.request("GET", path, **kw)

    async def post(self, path: str, body: bytes = b"", **kw: Any) -> Result:
        headers = {"content-type": FORM, **kw.pop("headers", {})}
        return await self.request("POST", path, body=body, headers=headers, **kw)

    async def token(self) -> str:
        """The CSRF token of this browser's session (starts one if needed)."""
        # As JavaScript would fetch it: AJAX pages are not remembered as the page to go back to.
        result = await self.get("/token", headers={"x-requested-with": "XMLHttpRequest"})
        return result.text


@pytest.fixture
def browser(call: Callable[..., Awaitable[Result]]) -> Callable[[Application], Browser]:
    """``browser(app)``: a cookie-keeping client over the current interface."""
    return lambda app: Browser(app, call)
