"""The baseline: a raw RSGI app on the same Granian (``granian --interface rsgi raw_rsgi:app``).

Every ratio in the benchmark is relative to this app, measured in the same run. GET /web is
the page of raw_web.py (Jinja2 and an AES-GCM session cookie); the rest is raw_routes.py.
"""

from __future__ import annotations

from typing import Any

from raw_routes import CONTENT_TYPES, NOT_FOUND, route
from raw_web import CONTENT_TYPE as HTML
from raw_web import PATH as WEB_PATH
from raw_web import page

__all__ = ["app"]

_HEADERS = [[("content-type", content_type)] for content_type in CONTENT_TYPES]


async def app(scope: Any, proto: Any) -> None:
    """Answer one RSGI HTTP call with the protocol's native bytes response."""
    path, method = scope.path, scope.method  # read once: Granian builds them on each access
    if path == WEB_PATH and method == "GET":
        body, cookie = page(scope.headers.get("cookie"))
        proto.response_bytes(200, [("content-type", HTML), ("set-cookie", cookie)], body)
        return
    status, kind, body = route(path) if method == "GET" else NOT_FOUND
    proto.response_bytes(status, _HEADERS[kind], body)
