"""RSGI and ASGI entry points: translate the server's calls into the kernel's, nothing more."""

from __future__ import annotations

import asyncio
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from orionis.foundation.application import Application
from orionis.foundation.enums.runtimes import Runtime
from orionis.http.asgi import Message, request_from_asgi, send_asgi
from orionis.http.body import BodyLimits
from orionis.http.boot_failure import FailedApplication, boot_failure_response, reloading
from orionis.http.disconnect_watch import BodyWatch, Cancel, disconnected, unwatch, watch
from orionis.http.kernel import Kernel
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.http.rsgi import RSGIProtocol, request_from_rsgi, write_rsgi
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
        self._max_body_size: int | BodyLimits = 0
        self._cancel_on_disconnect = False
        self._failed: FailedApplication | None = None

    def attach(
        self,
        kernel: Kernel,
        max_body_size: int | BodyLimits,
        websockets: WebSocketKernel | None = None,
        *,
        cancel_on_disconnect: bool = False,
    ) -> None:
        """Serve with ``kernel`` (and WebSockets with ``websockets``) from now on; the HTTP
        provider calls this at boot. ``cancel_on_disconnect``: cancel a handler whose client
        left while it ran (``http.cancel_on_disconnect``)."""
        self._kernel = kernel
        self._websockets = websockets
        self._max_body_size = max_body_size
        self._cancel_on_disconnect = cancel_on_disconnect

    async def _booted_kernel(self) -> Kernel:
        # A server that sends no lifespan event (uvicorn --lifespan off) boots on first request.
        if self._kernel is None:
            await self._app.boot(Runtime.HTTP)
        if self._kernel is None:
            raise RuntimeError("The application booted without an HTTP kernel.")
        return self._kernel

    # ----------------------------------------------------------------- RSGI
    def rsgi_init(self, loop: asyncio.AbstractEventLoop) -> None:
        """Boot in the worker before it accepts connections; a failure stops the server
        (while ``reactor serve`` reloads, the worker stays to report it: boot_failure.py)."""
        try:
            loop.run_until_complete(self._app.boot(Runtime.HTTP))
        except BaseException as error:
            traceback.print_exc(file=sys.stderr)
            if not self._keep_failed_boot(error):
                raise

    def _keep_failed_boot(self, error: BaseException) -> bool:
        """Answer every request with ``error`` from now on, when the worker is to stay up."""
        if not (isinstance(error, Exception) and reloading()):
            return False
        # The kernels may be attached already (a STARTUP callback runs after the providers):
        # a half-booted application serves nothing.
        self._kernel = self._websockets = None
        config = self._app.config

        def respond(request: Request) -> Response:
            return boot_failure_response(config, request, error)

        self._failed = FailedApplication(respond)
        return True

    def rsgi_del(self, loop: asyncio.AbstractEventLoop) -> None:
        """Run SHUTDOWN callbacks when the worker stops."""
        loop.run_until_complete(self._app.shutdown())

    async def rsgi(self, scope: Any, proto: Any) -> None:
        """Serve one RSGI call."""
        kernel = self._kernel
        if kernel is None:
            if self._failed is not None:
                await self._failed.__rsgi__(scope, proto)
                return
            kernel = await self._booted_kernel()
        if scope.proto != "http":
            await self._rsgi_websocket(scope, proto)
            return
        request = request_from_rsgi(scope, proto, self._max_body_size)
        task = asyncio.current_task() if self._cancel_on_disconnect else None
        if task is None:
            await kernel.serve(request, write_rsgi, proto)
            return
        # Granian never cancels a handler whose client left: the watch does, so that its
        # finally blocks run and what it holds is released (see disconnect_watch.py).
        cancel = task.cancel
        waiter = watch(proto.client_disconnect(), cancel)
        try:
            await kernel.serve(request, _write_rsgi, (proto, waiter, cancel))
        except asyncio.CancelledError:
            unwatch(waiter, cancel)
            if not disconnected(waiter):
                raise
            task.uncancel()  # the client is gone: nobody to answer, nothing to report

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
        if self._kernel is None and self._failed is not None and kind != "lifespan":
            await self._failed(scope, receive, send)
            return
        if kind == "http":
            kernel = self._kernel or await self._booted_kernel()
            task = asyncio.current_task() if self._cancel_on_disconnect else None
            if task is None:
                request = request_from_asgi(scope, receive, self._max_body_size)
                # A tuple, not a closure over them: nothing but the tuple is built per request.
                await kernel.serve(request, _send_asgi, (send, receive, scope, None))
                return
            await self._asgi_watched(kernel, task, scope, receive, send)
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

    async def _asgi_watched(
        self,
        kernel: Kernel,
        task: asyncio.Task[Any],
        scope: dict[str, Any],
        receive: Receive,
        send: Send,
    ) -> None:
        # Watching receive() for the disconnect must not take body messages the handler needs.
        body = None
        cancel = task.cancel  # one bound method: unwatch removes this very callback
        waiter: asyncio.Future[Any] | None = None
        if _bodiless(scope):
            # Its one (empty) message is taken here, leaving receive() free to report the
            # disconnect; the Request reads the same empty body.
            await receive()
            waiter = watch(receive(), cancel)
            request = request_from_asgi(scope, _no_body, self._max_body_size)
        else:
            body = BodyWatch(receive, cancel)  # watches once the body was read
            request = request_from_asgi(scope, body.receive, self._max_body_size)
        watched = _Watched(cancel, waiter, body)
        try:
            await kernel.serve(request, _send_asgi, (send, receive, scope, watched))
        except asyncio.CancelledError:
            watched.stop()
            waited = watched.waiter if body is None else body.waiter
            if not disconnected(waited):
                raise
            task.uncancel()  # the client is gone: nobody to answer, nothing to report

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
                    if not self._keep_failed_boot(error):
                        await send({"type": "lifespan.startup.failed", "message": str(error)})
                        return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self._app.shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return


def _write_rsgi(
    response: Response, target: tuple[RSGIProtocol, asyncio.Future[Any], Cancel]
) -> Awaitable[None] | None:
    proto, waiter, cancel = target
    unwatch(waiter, cancel)  # the response is under way: a disconnect must not cut it short
    return write_rsgi(response, proto)


def _send_asgi(
    response: Response, target: tuple[Send, Receive, dict[str, Any], _Watched | None]
) -> Awaitable[None]:
    send, receive, scope, watched = target
    if watched is not None:
        watched.stop()
    return send_asgi(response, send, receive, scope)


class _Watched:
    """An ASGI request's watch: on receive() itself, or on the body's last message."""

    __slots__ = ("body", "cancel", "waiter")

    def __init__(
        self, cancel: Cancel, waiter: asyncio.Future[Any] | None, body: BodyWatch | None
    ) -> None:
        self.cancel = cancel
        self.waiter = waiter
        self.body = body

    def stop(self) -> None:
        if self.waiter is not None:
            unwatch(self.waiter, self.cancel)
        if self.body is not None:
            self.body.stop()


_EMPTY_BODY: Message = {"type": "http.request", "body": b"", "more_body": False}


async def _no_body() -> Message:
    return _EMPTY_BODY


def _bodiless(scope: dict[str, Any]) -> bool:
    """Whether HTTP/1 framing says the request has no body (no Content-Length, no
    Transfer-Encoding). HTTP/2 can send a body without either: never bodiless here."""
    if scope.get("http_version") not in ("1.1", "1.0"):
        return False
    for name, _ in scope["headers"]:
        if name == b"content-length" or name == b"transfer-encoding":
            return False
    return True
