"""The ASGI baseline: the same routes as raw_rsgi.py, spoken as ASGI messages.

``granian --interface asgi raw_asgi:app``; the framework on ASGI is compared with this app.
GET /web is the page of raw_web.py (Jinja2 and an AES-GCM session cookie).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from raw_routes import CONTENT_TYPES, NOT_FOUND, route
from raw_web import CONTENT_TYPE as HTML
from raw_web import PATH as WEB_PATH
from raw_web import page

__all__ = ["app"]

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

_HEADERS = [[(b"content-type", content_type.encode())] for content_type in CONTENT_TYPES]
_HTML = (b"content-type", HTML.encode())


async def app(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    """Answer one ASGI connection: HTTP requests and the lifespan protocol."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            kind = message["type"].removeprefix("lifespan.")
            await send({"type": f"lifespan.{kind}.complete"})
            if kind == "shutdown":
                return
    path, method = scope["path"], scope["method"]
    if path == WEB_PATH and method == "GET":
        await _web(scope, send)
        return
    status, kind, body = route(path) if method == "GET" else NOT_FOUND
    await send({"type": "http.response.start", "status": status, "headers": _HEADERS[kind]})
    await send({"type": "http.response.body", "body": body})


async def _web(scope: dict[str, Any], send: Send) -> None:
    cookie = next((value.decode() for name, value in scope["headers"] if name == b"cookie"), None)
    body, set_cookie = page(cookie)
    headers = [_HTML, (b"set-cookie", set_cookie.encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
