"""The ``trust_proxies`` middleware: behind a load balancer, the client's address, scheme and
host come from ``X-Forwarded-*`` headers, believed only from the proxies listed in
``trusted_proxies`` (config/http.py).

Put it first in the global stack (before ``trust_hosts``, which then checks the forwarded host).
"""

from __future__ import annotations

from typing import Any, ClassVar

from orionis.http.middleware.contract import Next
from orionis.http.proxies import TrustedProxies
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.http.websocket.middleware import WebSocketNext
from orionis.http.websocket.websocket import WebSocket

__all__ = ["TrustProxies"]


class TrustProxies:
    """Middleware alias ``trust_proxies``: ``request.client`` (``ip()``), ``scheme``,
    ``is_secure()``, ``http_host`` and ``url`` then describe the client's side of the proxy."""

    resolve_at_boot: ClassVar[tuple[Any, ...]] = (TrustedProxies,)

    def __init__(self, proxies: TrustedProxies) -> None:
        self.proxies = proxies

    async def handle(self, request: Request, next: Next) -> Response:
        """Apply a trusted peer's forwarded headers, then go on."""
        self.proxies.apply(request)
        return await next(request)

    async def handle_websocket(self, websocket: WebSocket, next: WebSocketNext) -> None:
        """The same for a WebSocket handshake (``wss`` behind a TLS-terminating proxy)."""
        self.proxies.apply(websocket.request)
        await next(websocket)
