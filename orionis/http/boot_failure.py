"""A worker whose application failed to import or boot while ``reactor serve`` reloads.

In development (``reactor serve`` with reload, so ``make serve``) an edit that breaks the
application, such as a syntax error in a route file or a provider that raises, would otherwise
leave the server with no worker: the browser waits and the error is only in the terminal. With
``RELOADING_VARIABLE`` set (``reactor serve`` sets it when it reloads), the worker stays up and a
`FailedApplication` answers every request with a 500 until the next edit restarts it: after a
failed boot it names the error (the debug page when APP_DEBUG is true), after a failed import
(``orionis.console.serving.target``) it points to the terminal. Anywhere else either failure
still stops the server before it accepts a connection.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from html import escape
from typing import Any

from orionis.config import Repository
from orionis.config.secrets import SecretMasker
from orionis.http.asgi import request_from_asgi, send_asgi
from orionis.http.debug_page import debug_html, debug_json
from orionis.http.request import Request
from orionis.http.response import HtmlResponse, JsonResponse, Response
from orionis.http.rsgi import request_from_rsgi, write_rsgi

__all__ = [
    "RELOADING_VARIABLE",
    "FailedApplication",
    "boot_failure_response",
    "failure_notice",
    "reloading",
]

RELOADING_VARIABLE = "ORIONIS_RELOADING"
"""Set to ``1`` by ``reactor serve`` for the Granian it starts with ``--reload``."""

_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
    "<body><h1>{title}</h1><p>{detail}</p></body></html>"
)


def reloading() -> bool:
    """Whether this worker was started by ``reactor serve`` with reload on, so that a failed
    boot keeps it up to report the error (see the module)."""
    return os.environ.get(RELOADING_VARIABLE) == "1"


def boot_failure_response(config: Repository, request: Request, error: Exception) -> Response:
    """The answer to any request while the application is broken: the debug page (or its
    JSON) when APP_DEBUG is true, else a page that says where the error is."""
    if config.get("app.debug", False):
        masker = SecretMasker.from_sources(config.all())
        if request.wants_json() or request.expects_json():
            return JsonResponse(debug_json(request, error, masker), status=500)
        return HtmlResponse(debug_html(request, error, masker), status=500)
    return failure_notice(request)


def failure_notice(request: Request) -> Response:
    """A 500 that says the application failed to start and where the error is, and nothing
    of the error itself (for when APP_DEBUG is off, or unknown because nothing loaded)."""
    title = "The application failed to start"
    detail = "The error is in the output of reactor serve; saving the fix reloads the server."
    if request.wants_json() or request.expects_json():
        return JsonResponse({"message": f"{title}. {detail}"}, status=500)
    return HtmlResponse(_PAGE.format(title=escape(title), detail=escape(detail)), status=500)


Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class FailedApplication:
    """Serves a broken application on both interfaces: every HTTP request gets what
    ``respond(request)`` makes (a 500), WebSockets are refused, lifespan events acknowledged."""

    __slots__ = ("respond",)

    def __init__(self, respond: Callable[[Request], Response]) -> None:
        self.respond = respond

    # ----------------------------------------------------------------- RSGI
    def __rsgi_init__(self, loop: Any) -> None:
        """Nothing to boot."""

    def __rsgi_del__(self, loop: Any) -> None:
        """Nothing to shut down."""

    async def __rsgi__(self, scope: Any, proto: Any) -> None:
        if scope.proto != "http":
            proto.close(500)  # an HTTP status: the only kind Granian takes before accept
            return
        write_rsgi(self.respond(request_from_rsgi(scope, proto, 0)), proto)

    # ----------------------------------------------------------------- ASGI
    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        elif kind == "websocket":
            await receive()
            await send({"type": "websocket.close", "code": 1011})  # answered with 403
        else:
            response = self.respond(request_from_asgi(scope, receive, 0))
            await send_asgi(response, send, receive, scope)
