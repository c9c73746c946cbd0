"""A small web project for the cookie, session and CSRF security tests.

The project lives in a temporary folder: ``config/`` with the ``web`` group (``cookies``,
``session``, ``csrf``), a session driver and an application key, and ``routes/web.py`` whose
actions are the functions below. `web_app` builds the `Application` on it with the process
state (environment, ``sys.path``, configuration) put back afterwards.
"""

from __future__ import annotations

import textwrap
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from orionis.foundation.application import Application
from orionis.http import Request, Response
from orionis.testing.project import isolated_process
from tests.support.drivers import Result, call_asgi, call_rsgi

__all__ = [
    "CALLS",
    "FORM",
    "KEY",
    "OLD_KEY",
    "OTHER_KEY",
    "SESSION_COOKIE",
    "SESSION_DRIVERS",
    "booted_web_app",
    "echo",
    "set_cookies",
    "set_cookies_of",
    "target",
    "token",
    "web_app",
    "write_web_project",
]

KEY = "base64:yky8j26b2ocDfVMT7oc0FIMZpd6nF3NVProV3Ei7bmg="
OLD_KEY = "base64:EzdPU/YPTQzlP2ibAXhzpEXecoKDIIqMshbw1cKrWc4="
OTHER_KEY = "base64:lvhAOxbkISVYgr5iV9Jr74JHMHuSTdS+aJjLr6NAb7E="
SESSION_COOKIE = "orionis_session"
FORM = "application/x-www-form-urlencoded"
CALLS = {"rsgi": call_rsgi, "asgi": call_asgi}

_HTTP = 'middleware_groups = {"web": ["cookies", "session", "csrf"], "api": []}\n'
_APP = """
from orionis.config import env
key = env("APP_KEY", "")
previous_keys = [k for k in env("APP_PREVIOUS_KEYS", "").split(",") if k.strip()]
"""
_ROUTES = """
from orionis.routing import Route
from tests.security import web_app as w

Route.get("/set", w.set_cookies)
Route.get("/echo", w.echo)
Route.get("/token", w.token)
Route.get("/regenerate", w.regenerate)
Route.any("/target", w.target)
Route.any("/hooks/exact", w.target)
Route.any("/hooks/exact/more", w.target)
Route.any("/hooks/exactly", w.target)
Route.any("/webhooks/{name}", w.target)
Route.any("/webhooksx/{name}", w.target)
"""


SESSION_DRIVERS = {"cookie": 'driver = "cookie"\n', "file": 'driver = "file"\n'}
"""config/session.py for the drivers that keep the session in a cookie and on the server."""


def write_web_project(
    root: Path, *, session: str = 'driver = "memory"\n', http: str = "", env: str = ""
) -> Path:
    """Write the project under ``root``: ``session`` is config/session.py, ``http`` is added
    to config/http.py, ``env`` to .env (after APP_KEY)."""
    files = {
        "config/http.py": _HTTP + textwrap.dedent(http),
        "config/session.py": textwrap.dedent(session),
        "config/app.py": _APP,
        ".env": f"APP_KEY={KEY}\n{textwrap.dedent(env)}",
        "routes/web.py": _ROUTES,
    }
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return root


@contextmanager
def web_app(root: Path) -> Iterator[Application]:
    """The application of the project at ``root`` (not booted yet: ``await app.boot()``)."""
    with isolated_process():
        app = Application(base_path=root)
        app.with_routing(web="routes/web.py")
        yield app


@asynccontextmanager
async def booted_web_app(root: Path) -> AsyncIterator[Application]:
    """`web_app`, booted, and shut down when the block ends."""
    with web_app(root) as app:
        await app.boot()
        try:
            yield app
        finally:
            await app.shutdown()


# -- route actions ------------------------------------------------------------------------

GENUINE_FLAVOUR = "oatmeal raisin"
"""The value of the ``flavour`` cookie `set_cookies` sends."""
GENUINE_DATA = {"user": "7", "role": "admin"}
"""What `set_cookies` puts in the session."""


def set_cookies(request: Request) -> Response:
    """An app cookie and session data, both to be sent back by the client."""
    request.session.put(GENUINE_DATA)
    response = Response("ok")
    response.set_cookie("flavour", GENUINE_FLAVOUR)
    return response


def echo(request: Request) -> dict[str, Any]:
    """What the request received: the app cookie, the session's id and its own data."""
    session = request.session
    data = {key: value for key, value in session.all().items() if not key.startswith("_")}
    return {"flavour": request.cookies.get("flavour"), "id": session.id, "session": data}


def token(request: Request) -> str:
    """The session's CSRF token."""
    return request.session.token()


def regenerate(request: Request) -> dict[str, str]:
    """Rotate the session id (``?destroy=1`` deletes the old record), then store a value."""
    session = request.session
    before = session.id
    session.regenerate(destroy=request.query.get("destroy") == "1")
    session.put("after", "rotated")
    return {"before": before, "after": session.id}


def target(request: Request) -> dict[str, str]:
    """The method the request was routed as."""
    return {"method": request.method}


def set_cookies_of(result: Result) -> dict[str, str]:
    """``name -> value`` of every ``Set-Cookie`` of a response."""
    cookies = {}
    for header in result.headers.get_all("set-cookie"):
        name, _, rest = header.partition("=")
        cookies[name] = rest.split(";", 1)[0]
    return cookies
