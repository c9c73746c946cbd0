"""The ``trust_hosts`` middleware: requests for a host the application does not serve get 400.

Without it, anyone can point a DNS name at the server, or send ``Host: evil.example``, and have
the application build absolute URLs (password-reset links, redirects) on that host.
"""

from __future__ import annotations

from typing import Any, ClassVar

from orionis.http.exceptions import BadRequest
from orionis.http.hosts import INVALID_HOST, TrustedHosts
from orionis.http.middleware.contract import Next
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.http.websocket.middleware import WebSocketNext
from orionis.http.websocket.websocket import WebSocket

__all__ = ["TrustHosts", "check_host"]


def check_host(request: Request, hosts: TrustedHosts) -> None:
    """Raise ``BadRequest`` (400 "Invalid Host header") unless the request's host is well
    formed and one of ``hosts``."""
    if not hosts.allows(request.http_host):  # reading http_host checks the syntax
        raise BadRequest(INVALID_HOST)


class TrustHosts:
    """Middleware alias ``trust_hosts``: checks the Host header (after ``trust_proxies``, the
    forwarded host) against ``trusted_hosts`` in config/http.py before routing.

    A malformed host is refused even when every host is trusted.
    """

    resolve_at_boot: ClassVar[tuple[Any, ...]] = (TrustedHosts,)

    def __init__(self, hosts: TrustedHosts) -> None:
        self.hosts = hosts

    async def handle(self, request: Request, next: Next) -> Response:
        """400 for a host the application does not serve; otherwise go on."""
        check_host(request, self.hosts)
        return await next(request)

    async def handle_websocket(self, websocket: WebSocket, next: WebSocketNext) -> None:
        """Refuse the handshake (400) for a host the application does not serve."""
        check_host(websocket.request, self.hosts)
        await next(websocket)
