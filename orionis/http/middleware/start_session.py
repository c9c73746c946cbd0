"""The ``session`` middleware: starts the request's session and saves it after the response."""

from __future__ import annotations

from typing import Any, ClassVar

from orionis.http.middleware.contract import Next
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.http.web_request import SESSION_STATE
from orionis.http.websocket.middleware import WebSocketNext
from orionis.http.websocket.websocket import WebSocket
from orionis.session import SessionManager

__all__ = ["StartSession"]


class StartSession:
    """Middleware alias ``session``: ``request.session`` for the routes of the ``web`` group.

    On a WebSocket route the session is loaded read-only for the whole connection
    (``websocket.request.session``): an upgraded connection can no longer set a cookie, so
    what the handler changes in it is not saved. Change the session in an HTTP request.
    """

    resolve_at_boot: ClassVar[tuple[Any, ...]] = (SessionManager,)

    def __init__(self, manager: SessionManager) -> None:
        self.manager = manager

    async def handle(self, request: Request, next: Next) -> Response:
        """Load the session, run the request, remember the page, save, send the cookie."""
        manager = self.manager
        options = manager.cookie
        session = await manager.start(request.cookies.get(options.name))
        setattr(request.state, SESSION_STATE, session)
        response = await next(request)
        if request.method == "GET" and not request.expects_json() and response.status_code < 300:
            session.set_previous_url(request.url)
        value = await manager.commit(session)
        response.set_cookie(
            options.name,
            value,
            max_age=options.max_age,
            path=options.path,
            domain=options.domain,
            secure=options.secure,
            httponly=options.httponly,
            samesite=options.samesite,
        )
        return response

    async def handle_websocket(self, websocket: WebSocket, next: WebSocketNext) -> None:
        """Load the session the handshake's cookie names, read-only, then go on."""
        request = websocket.request
        session = await self.manager.start(request.cookies.get(self.manager.cookie.name))
        setattr(request.state, SESSION_STATE, session)
        await next(websocket)
