"""The protocol-free WebSocket kernel: one connection in, the same for RSGI and ASGI."""

from __future__ import annotations

import contextlib
import logging

from orionis.container import Container
from orionis.http.exception_handler import ExceptionHandler
from orionis.http.exceptions import HttpException
from orionis.http.request import Request
from orionis.http.websocket.errors import close_code_for
from orionis.http.websocket.middleware import WebSocketHandler
from orionis.http.websocket.websocket import (
    WebSocket,
    WebSocketDisconnect,
    WebSocketLimits,
    WebSocketState,
    close_quietly,
)
from orionis.routing import Router

__all__ = ["WebSocketKernel"]

_log = logging.getLogger("orionis")


class WebSocketKernel:
    """Matches a handshake to its route, keeps the per-worker connection cap, and runs the
    connection in its own request scope through the chain prepared at boot (origin check,
    ``websockets.middleware``, route middleware, endpoint).

    An error before ``accept()`` refuses the handshake (an ``HttpException`` with its status,
    anything else with 500); after it, the connection is closed (1008 for an
    ``HttpException``, 1011 otherwise). Either way the exception handler reports it; the
    client never sees its text. A connection the handler left undecided is refused with 403;
    one it left open is closed with 1000.
    """

    def __init__(
        self,
        container: Container,
        router: Router,
        exceptions: ExceptionHandler,
        chain: WebSocketHandler,
        *,
        limits: WebSocketLimits,
        max_connections: int,
    ) -> None:
        """``chain`` runs a matched connection; ``max_connections`` 0 means no cap."""
        self.limits = limits
        self.max_connections = max_connections
        self._container = container
        self._router = router
        self._exceptions = exceptions
        self._chain = chain
        self._active = 0
        self._saturated = False

    @property
    def active(self) -> int:
        """Connections this worker is running now (matched and under the cap)."""
        return self._active

    async def serve(self, websocket: WebSocket) -> None:
        """Run one connection from handshake to close."""
        found = self._router.find_websocket(websocket.path)
        if found is None:
            await _refuse(websocket, 404)
            return
        if self.max_connections and self._active >= self.max_connections:
            self._note_saturated()
            await _refuse(websocket, 503)
            return
        request = websocket.request
        request.route, request.route_params = found
        self._active += 1
        try:
            await self._connection(websocket, request)
        finally:
            self._active -= 1
            self._saturated = self._saturated and self._active >= self.max_connections

    async def _connection(self, websocket: WebSocket, request: Request) -> None:
        try:
            scope = self._container.scope()
            scope.instance(Request, request)
            scope.instance(WebSocket, websocket)
            # The socket is answered or closed inside the scope: scoped services' teardowns
            # run after the connection is over, as they run after an HTTP response.
            async with scope:
                await self._run(websocket)
        except Exception as error:
            await self._failed(websocket, error)

    async def _run(self, websocket: WebSocket) -> None:
        try:
            await self._chain(websocket)
        except WebSocketDisconnect as gone:
            await close_quietly(websocket, gone.code)
        except Exception as error:
            await self._failed(websocket, error)
        state = websocket.connection_state
        if state is WebSocketState.CONNECTING:
            await _refuse(websocket, 403)  # neither accepted nor refused by the handler
        elif state is WebSocketState.OPEN:
            await close_quietly(websocket, 1000)

    async def _failed(self, websocket: WebSocket, error: Exception) -> None:
        state = websocket.connection_state
        if state is WebSocketState.CONNECTING:
            status = error.status_code if isinstance(error, HttpException) else 500
            await _refuse(websocket, status if 400 <= status <= 599 else 500)
        elif state is WebSocketState.OPEN:
            await close_quietly(websocket, close_code_for(error))
        await self._exceptions.report_error(error)

    def _note_saturated(self) -> None:
        # Logged once per episode: a flood of refused handshakes must not flood the log.
        if not self._saturated:
            self._saturated = True
            _log.warning(
                "WebSocket connections refused with 503: this worker runs %d, the "
                "max_connections of config/websockets.py (WEBSOCKET_MAX_CONNECTIONS).",
                self._active,
            )


async def _refuse(websocket: WebSocket, status: int) -> None:
    """Refuse the handshake; a client that already left needs no answer."""
    with contextlib.suppress(WebSocketDisconnect):
        await websocket.reject(status)
