"""The ASGI baseline: the same routes as raw_rsgi.py, spoken as ASGI messages.

``granian --interface asgi raw_asgi:app``; the framework on ASGI is compared with this app.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from raw_routes import CONTENT_TYPES, NOT_FOUND, route

__all__ = ["app"]

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

_HEADERS = [[(b"content-type", content_type.encode())] for content_type in CONTENT_TYPES]


async def app(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    """Answer one ASGI connection: HTTP requests and the lifespan protocol."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            kind = message["type"].removeprefix("lifespan.")
            await send({"type": f"lifespan.{kind}.complete"})
            if kind == "shutdown":
                return
    status, kind, body = route(scope["path"]) if scope["method"] == "GET" else NOT_FOUND
    await send({"type": "http.response.start", "status": status, "headers": _HEADERS[kind]})
    await send({"type": "http.response.body", "body": body})
