"""Support of the host, proxy, redirect and output-safety tests: route actions, a project on
tmp_path, and drivers that call it through RSGI or ASGI from any peer address."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from orionis import redirect, view
from orionis.config import unload_environment
from orionis.foundation.application import Application
from orionis.http import Request, Response, WebSocket
from orionis.view import View
from tests.support.drivers import Result, call_asgi, call_rsgi

KEY = "base64:dTOo5EUjl1IoOZPuKEzWd67HxtyKMl+PlL7Djm88QVo="
ROUTES = "from orionis.routing import Route\nfrom tests.http import trust as t\n"
WEB_GROUP = 'middleware_groups = {"web": ["cookies", "session"], "api": []}\n'
APP_CONFIG = """
from orionis.config import env
key = env("APP_KEY", "")
url = env("APP_URL", "http://127.0.0.1:8000")
debug = env("APP_DEBUG", False)
"""
LINK_VIEW = {"link.html": "{{ url('/reset/token') }}"}

Send = Callable[..., Awaitable[Result]]


# ------------------------------------------------------------------------------ route actions


def whoami(request: Request) -> dict[str, Any]:
    """What the application believes about the connection."""
    return {
        "ip": request.ip(),
        "scheme": request.scheme,
        "secure": request.is_secure(),
        "host": request.host,
        "http_host": request.http_host,
        "port": request.port,
        "url": request.url,
    }


def link() -> View:
    """A page with an absolute URL built by the ``url()`` template helper."""
    return view("link")


def plain() -> str:
    return "plain"


def back() -> Response:
    response: Response = redirect().back("/fallback")
    return response


def intended() -> Response:
    response: Response = redirect().intended("/home")
    return response


def guest() -> Response:
    response: Response = redirect().guest("/login")
    return response


def away() -> Response:
    response: Response = redirect().away("https://pay.example/checkout?order=7")
    return response


def visit(request: Request) -> dict[str, Any]:
    """A page that the session remembers as the previous one."""
    return {"visited": request.path}


def redirect_to(request: Request) -> Response:
    """The application redirecting where a query parameter says (its own choice to make)."""
    response: Response = redirect(request.query.get("to") or "/")
    return response


def header_from_input(request: Request) -> Response:
    return Response("ok", headers={"X-Echo": request.query.get("v") or ""})


def header_set_later(request: Request) -> Response:
    response = Response("ok")
    response.headers["x-echo"] = request.query.get("v") or ""
    return response


def cookie_from_input(request: Request) -> Response:
    return Response("ok").set_cookie("pref", "1", path=request.query.get("path") or "/")


def cookie_value_from_input(request: Request) -> Response:
    return Response("ok").set_cookie("note", request.query.get("v") or "")


def crash_with_input(request: Request) -> None:
    raise ValueError(f"cannot handle {request.query.get('x')}")


def hostile_view(request: Request) -> View:
    return view("echo", {"value": request.query.get("v")})


async def ws_whoami(websocket: WebSocket) -> None:
    """What a WebSocket handshake's request says about the connection."""
    await websocket.accept()
    request = websocket.request
    await websocket.send_json({"ip": request.ip(), "scheme": request.scheme, "host": request.host})
    await websocket.receive()


# ------------------------------------------------------------------------------------ drivers


class FromPeer:
    """The application, reached from peer address ``ip`` (what the server reports)."""

    def __init__(self, app: Application, ip: str) -> None:
        self.app, self.ip = app, ip

    def __rsgi__(self, scope: Any, proto: Any) -> Awaitable[None]:
        scope.client = f"[{self.ip}]:51000" if ":" in self.ip else f"{self.ip}:51000"
        return self.app.__rsgi__(scope, proto)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        scope["client"] = (self.ip, 51000)
        await self.app(scope, receive, send)


def sender(interface: str) -> Send:
    """``await send(app, "GET", "/x", peer="10.0.0.1", headers=...)`` through ``interface``."""
    driver = call_rsgi if interface == "rsgi" else call_asgi

    async def send(app: Application, method: str, path: str, **options: Any) -> Result:
        peer = options.pop("peer", None)
        return await driver(app if peer is None else FromPeer(app, peer), method, path, **options)

    return send


# ------------------------------------------------------------------------------------ project


class Project:
    """Applications written on ``tmp_path`` and booted; ``async with`` shuts them down and puts
    the process environment back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._apps: list[Application] = []
        self._environ = dict(os.environ)
        self._sys_path = list(sys.path)

    async def __aenter__(self) -> Project:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for app in reversed(self._apps):
            await app.shutdown()
        unload_environment()
        sys.path[:] = self._sys_path
        os.environ.clear()
        os.environ.update(self._environ)

    async def app(
        self,
        *,
        web: str,
        http: str = "",
        env: str = "",
        views: Mapping[str, str] | None = None,
        config: Mapping[str, str] | None = None,
        boot: bool = True,
    ) -> Application:
        """Write ``config/http.py``, ``routes/web.py``, ``.env`` (APP_KEY, APP_URL, APP_DEBUG
        and APP_ENV are read from it) and views, then boot."""
        self._write("config/app.py", APP_CONFIG)
        self._write("config/http.py", textwrap.dedent(http))
        self._write("routes/web.py", ROUTES + textwrap.dedent(web))
        self._write(".env", f"APP_KEY={KEY}\n" + textwrap.dedent(env))
        for name, source in (views or {}).items():
            self._write(f"resources/views/{name}", source)
        for section, source in (config or {}).items():
            self._write(f"config/{section}.py", textwrap.dedent(source))
        app = Application(base_path=self.path)
        self._apps.append(app)
        app.with_routing(web="routes/web.py")
        if boot:
            await app.boot()
        return app

    def _write(self, relative: str, source: str) -> None:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source)


# ---------------------------------------------------------------------- open-redirect corpus

HOST = "127.0.0.1:8000"  # the Host the drivers send

# URLs that must never be followed by back() or intended(): other hosts however written,
# scheme-relative and backslash forms, other schemes, whitespace and control characters that
# browsers drop, and all of these percent-encoded once, twice, thrice.
OPEN_REDIRECTS = [
    "https://evil.example/phish",
    "http://evil.example",
    "//evil.example/x",
    "///evil.example/x",
    "////evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http:\\\\evil.example",
    f"http://{HOST}@evil.example/",
    f"http://evil.example#@{HOST}/",
    f"http://evil.example?@{HOST}/",
    f"http://evil.example\\@{HOST}/",
    "http://127.0.0.1:8000.evil.example/",
    "http://127.0.0.1:8001/",
    "http://127.0.0.1/",
    "javascript:alert(1)",
    "JavaScript:alert(document.domain)",
    "java\tscript:alert(1)",
    "javascript://%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://127.0.0.1:8000/",
    "\t/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    " //evil.example",
    "\x00//evil.example",
    "//evil.example\x00",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%09/evil.example",
    "/%0d%0a/evil.example",
    "/%252F%252Fevil.example",
    "/%25252F%25252Fevil.example",
    "/%2525252F%2525252Fevil.example",
    "https%3A%2F%2Fevil.example",
    "%68ttps://evil.example",
    "/\uff45vil.example",  # a fullwidth e: non-ASCII is never followed
    "//\uff45vil.example",
    "/\uff0f\uff0fevil.example",  # fullwidth solidus
    "evil.example",
    "evil.example/path",
    "?next=1",
    "#top",
    "",
    "   ",
    "/" + "a" * 9000,
]

# Same-site targets that must be followed.
LOCAL_TARGETS = [
    "/",
    "/form?step=2",
    "/a/b%20c?q=x%2Fy#frag",
    "/search?next=//evil.example",
    f"http://{HOST}/form?step=2",
    f"https://{HOST}/secure",
    f"HTTP://{HOST}/upper",
    f"http://{HOST}/a%2F%2Fb",
]


def abort_with_input(request: Request) -> None:
    from orionis import abort

    abort(422, f"No such thing: {request.query.get('x')}")


def abort_with_header(request: Request) -> None:
    from orionis import abort

    abort(401, headers={"WWW-Authenticate": request.query.get("v") or ""})
