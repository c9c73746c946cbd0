"""RSGI and ASGI entry points: translate the server's calls into the kernel's, nothing more."""

from __future__ import annotations

import asyncio
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from orionis.foundation.application import Application
from orionis.foundation.enums.runtimes import Runtime
from orionis.http.asgi import request_from_asgi, send_asgi
from orionis.http.kernel import Kernel
from orionis.http.response import Response
from orionis.http.rsgi import request_from_rsgi, write_rsgi
from orionis.http.websocket.asgi import websocket_from_asgi
from orionis.http.websocket.kernel import WebSocketKernel
from orionis.http.websocket.rsgi import websocket_from_rsgi

__all__ = ["HttpBridge"]

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class HttpBridge:
    """What the Application answers Granian (RSGI) and any ASGI server with."""

    def __init__(self, app: Application) -> None:
        self._app = app
        self._kernel: Kernel | None = None
        self._websockets: WebSocketKernel | None = None
        self._max_body_size = 0

    def attach(
        self, kernel: Kernel, max_body_size: int, websockets: WebSocketKernel | None = None
    ) -> None:
        """Serve with ``kernel`` (and WebSockets with ``websockets``) from now on; the HTTP
        provider calls this at boot."""
        self._kernel = kernel
        self._websockets = websockets
        self._max_body_size = max_body_size

    async def _booted_kernel(self) -> Kernel:
        # A server that sends no lifespan event (uvicorn --lifespan off) boots on first request.
        if self._kernel is None:
            await self._app.boot(Runtime.HTTP)
        if self._kernel is None:
            raise RuntimeError("The application booted without an HTTP kernel.")
        return self._kernel

    # ----------------------------------------------------------------- RSGI
    def rsgi_init(self, loop: asyncio.AbstractEventLoop) -> None:
        """Boot in the worker before it accepts connections; a failure stops the server."""
        try:
            loop.run_until_complete(self._app.boot(Runtime.HTTP))
        except BaseException:
            traceback.print_exc(file=sys.stderr)
            raise

    def rsgi_del(self, loop: asyncio.AbstractEventLoop) -> None:
        """Run SHUTDOWN callbacks when the worker stops."""
        loop.run_until_complete(self._app.shutdown())

    async def rsgi(self, scope: Any, proto: Any) -> None:
        """Serve one RSGI call."""
        kernel = self._kernel or await self._booted_kernel()
        if scope.proto != "http":
            await self._rsgi_websocket(scope, proto)
            return
        request = request_from_rsgi(scope, proto, self._max_body_size)
        await kernel.serve(request, write_rsgi, proto)

    async def _rsgi_websocket(self, scope: Any, proto: Any) -> None:
        websockets = self._websockets
        if websockets is None:
            proto.close(404)  # an HTTP status: the only kind Granian takes before accept
            return
        await websockets.serve(websocket_from_rsgi(scope, proto, websockets.limits))

    # ----------------------------------------------------------------- ASGI
    async def asgi(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        """Serve one ASGI connection."""
        kind = scope["type"]
        if kind == "http":
            kernel = self._kernel or await self._booted_kernel()
            request = request_from_asgi(scope, receive, self._max_body_size)
            # A tuple, not a closure over them: nothing but the tuple is built per request.
            await kernel.serve(request, _send_asgi, (send, receive, scope))
        elif kind == "lifespan":
            await self._lifespan(receive, send)
        elif kind == "websocket":
            if self._kernel is None:
                await self._booted_kernel()
            websockets = self._websockets
            if websockets is None:
                await receive()
                await send({"type": "websocket.close", "code": 1000})  # answered with 403
                return
            await websockets.serve(websocket_from_asgi(scope, receive, send, websockets.limits))

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self._app.boot(Runtime.HTTP)
                except BaseException as error:
                    # Raising here would make Granian treat lifespan as unsupported and keep
                    # serving; startup.failed makes every server stop with the message.
                    traceback.print_exc(file=sys.stderr)
                    await send({"type": "lifespan.startup.failed", "message": str(error)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self._app.shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return


def _send_asgi(response: Response, target: tuple[Send, Receive, dict[str, Any]]) -> Awaitable[None]:
    send, receive, scope = target
    return send_asgi(response, send, receive, scope)
