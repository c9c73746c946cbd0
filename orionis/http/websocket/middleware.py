"""WebSocket middleware: the ``handle_websocket`` contract, prebuilt chains, the origin check.

A middleware runs on WebSocket routes through ``async def handle_websocket(self, websocket,
next, *params) -> None``: ``await next(websocket)`` goes further in; returning without it (after
``await websocket.reject(401)``, or raising ``abort(401)``) refuses the connection. A class that
sets ``http_only = True`` (the ``csrf`` middleware) is skipped on WebSocket routes; any other
class without ``handle_websocket`` on a WebSocket route stops boot.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

from orionis.container import Container
from orionis.http.middleware.resolver import MiddlewareSpec
from orionis.http.request import Request
from orionis.http.websocket.errors import WebSocketSetupError
from orionis.http.websocket.websocket import WebSocket

__all__ = [
    "OriginPolicy",
    "VerifyOrigin",
    "WebSocketHandler",
    "WebSocketMiddleware",
    "WebSocketNext",
    "WebSocketPipeline",
    "websocket_chain",
]

_log = logging.getLogger("orionis")

WebSocketHandler = Callable[[WebSocket], Awaitable[None]]
"""A prepared WebSocket endpoint or chain: it runs one connection."""

WebSocketNext = WebSocketHandler
"""What ``handle_websocket`` receives as ``next``."""

_DEFAULT_PORTS = {"http": 80, "https": 443}
# The page's origin names http(s); the handshake's own scheme is ws(s) (or http(s) on RSGI).
_PAGE_SCHEMES = {"ws": "http", "wss": "https"}


@runtime_checkable
class WebSocketMiddleware(Protocol):
    """``async def handle_websocket(self, websocket, next, *params) -> None``."""

    async def handle_websocket(
        self, websocket: WebSocket, next: WebSocketNext, *params: Any
    ) -> None:
        """Check or prepare the connection, usually then ``await next(websocket)``."""


class WebSocketPipeline:
    """Wraps a WebSocket endpoint in middleware, outermost first; each middleware is built by
    the container once per connection."""

    def __init__(self, container: Container) -> None:
        self._container = container

    def build(
        self, specs: Sequence[MiddlewareSpec], endpoint: WebSocketHandler
    ) -> WebSocketHandler:
        """The chain ``specs[0](specs[1](…endpoint))`` as one callable."""
        handler = endpoint
        for spec in reversed(specs):
            handler = self._link(spec, handler)
        return handler

    def _link(self, spec: MiddlewareSpec, following: WebSocketHandler) -> WebSocketHandler:
        make = self._container.compile_call(spec.cls)
        params = spec.params

        async def link(websocket: WebSocket) -> None:
            await make().handle_websocket(websocket, following, *params)

        return link


def websocket_chain(specs: Iterable[MiddlewareSpec], where: str, fix: str) -> list[MiddlewareSpec]:
    """The specs that run on a WebSocket connection: those with ``handle_websocket``; ``http_only``
    ones are left out; any other stops boot with an error naming ``where`` and ``fix``."""
    chain: list[MiddlewareSpec] = []
    for spec in specs:
        cls = spec.cls
        if callable(getattr(cls, "handle_websocket", None)):
            chain.append(spec)
        elif getattr(cls, "http_only", False) is not True:
            name = f"{cls.__module__}.{cls.__qualname__}"
            raise WebSocketSetupError(
                f"{where}: middleware {name} has no handle_websocket() method, so it cannot run "
                f"on a WebSocket connection. Add `async def handle_websocket(self, websocket, "
                f"next, *params) -> None` to {cls.__qualname__} (calling `await next(websocket)` "
                f"to go on), or {fix.format(name=cls.__qualname__)}."
            )
    return chain


class OriginPolicy:
    """Which browser origins may open WebSockets: the handshake's own origin (scheme, host and
    port of its Host header), the origin of ``app.url`` (the public one behind a proxy), and
    the configured ``allowed_origins`` (exact origins, or ``"*"`` for any)."""

    def __init__(self, allowed: Iterable[str], app_url: str = "") -> None:
        listed = list(allowed)
        self.any = "*" in listed
        origins = {_normalized(origin) for origin in listed if origin != "*"}
        if app_url:
            origins.add(_normalized(app_url))
        self.allowed = frozenset(origins)

    def allows(self, request: Request) -> bool:
        """True when the handshake has no ``Origin`` (not a browser) or an allowed one."""
        origin = request.headers.get("origin")
        if origin is None or self.any:
            return True
        normalized = _normalized(origin)
        return normalized in self.allowed or normalized == _own_origin(request)


class VerifyOrigin:
    """Refuses (403) browser handshakes from other sites: the defence against cross-site
    WebSocket hijacking, where a page elsewhere opens a socket with the user's cookies. It
    runs first on every WebSocket connection."""

    def __init__(self, policy: OriginPolicy) -> None:
        self.policy = policy

    async def handle_websocket(self, websocket: WebSocket, next: WebSocketNext) -> None:
        """Go on for allowed origins; reject the handshake with 403 otherwise."""
        if self.policy.allows(websocket.request):
            await next(websocket)
            return
        _log.info(
            "WebSocket handshake to %s refused: origin %r is not the handshake's own, not "
            "app.url's, and not in websockets.allowed_origins (config/websockets.py)",
            websocket.path,
            websocket.headers.get("origin"),
        )
        await websocket.reject(403)


def _normalized(origin: str) -> str:
    """``scheme://host:port`` in lowercase with the default port written out; text that is no
    origin (``null``) stays as it is, lowercase, and so matches only itself."""
    text = origin.strip().lower()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    if not parts.scheme or not parts.hostname:
        return text
    scheme = _PAGE_SCHEMES.get(parts.scheme, parts.scheme)
    return _origin(scheme, parts.hostname, port or _DEFAULT_PORTS.get(scheme))


def _own_origin(request: Request) -> str:
    scheme = _PAGE_SCHEMES.get(request.scheme, request.scheme)
    host = request.host.lower().strip("[]")
    return _origin(scheme, host, request.port or _DEFAULT_PORTS.get(scheme))


def _origin(scheme: str, host: str, port: int | None) -> str:
    if ":" in host:  # IPv6
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}" if port else f"{scheme}://{host}"
