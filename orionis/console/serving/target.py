"""The application a worker of ``reactor serve`` serves, imported from its target.

While ``serve`` reloads (development), an edit can break the import itself: a syntax error in
``bootstrap/app.py`` or a config file, a provider whose ``register()`` raises. Granian would then
have no worker until the next edit, and the browser would wait on a port nobody answers. So,
only then, the failed import is printed and `BrokenApplication` takes the application's place:
every request gets a 500 that points to the terminal. Outside reload an import error stops the
server as before.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from orionis.console.serving.errors import ServeError
from orionis.http.asgi import request_from_asgi, send_asgi
from orionis.http.boot_failure import failure_notice, reloading
from orionis.http.rsgi import request_from_rsgi, write_rsgi

__all__ = ["TARGET_VARIABLE", "BrokenApplication", "from_environment", "import_target"]

TARGET_VARIABLE = "ORIONIS_SERVE_TARGET"
"""The application's target (``bootstrap:app``) for `from_environment`, set by ``serve``."""

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def import_target(target: str) -> Any:
    """The object ``module:attribute`` names (``attribute`` defaults to ``app``); while
    ``serve`` reloads, a `BrokenApplication` when importing it raises."""
    module, _, attribute = target.partition(":")
    try:
        return getattr(importlib.import_module(module), attribute or "app")
    except Exception as error:
        if not reloading():
            raise
        traceback.print_exc(file=sys.stderr)
        return BrokenApplication(error)


def from_environment() -> Any:
    """Granian's factory target (``--factory``) while ``serve`` reloads without public files:
    the application named by `TARGET_VARIABLE`."""
    target = os.environ.get(TARGET_VARIABLE)
    if target is None:
        raise ServeError(
            f"{__name__}:from_environment is the server target of `reactor serve`, which sets "
            f"{TARGET_VARIABLE}. Start the server with `reactor serve`, or serve bootstrap:app "
            "with Granian directly."
        )
    return import_target(target)


class BrokenApplication:
    """Stands in for an application whose import failed, on both interfaces: every HTTP
    request gets a 500 saying so, WebSockets are refused, lifespan events are acknowledged."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    # ----------------------------------------------------------------- RSGI
    def __rsgi_init__(self, loop: Any) -> None:
        """Nothing to boot."""

    def __rsgi_del__(self, loop: Any) -> None:
        """Nothing to shut down."""

    async def __rsgi__(self, scope: Any, proto: Any) -> None:
        if scope.proto != "http":
            proto.close(500)
            return
        write_rsgi(failure_notice(request_from_rsgi(scope, proto, 0)), proto)

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
            response = failure_notice(request_from_asgi(scope, receive, 0))
            await send_asgi(response, send, receive, scope)
