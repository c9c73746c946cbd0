"""What the Application needs from the HTTP layer to be an RSGI and ASGI app."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

__all__ = ["ServerBridge"]


class ServerBridge(Protocol):
    """Translates a server's protocol into the framework's kernel.

    The foundation sits below the HTTP layer, so the Application only knows this shape; the HTTP
    service provider hands the Application an object that has it.
    """

    def rsgi(self, scope: Any, proto: Any) -> Awaitable[None]:
        """Serve one RSGI request or WebSocket."""

    def rsgi_init(self, loop: asyncio.AbstractEventLoop) -> None:
        """Boot the application in a Granian worker before it accepts connections."""

    def rsgi_del(self, loop: asyncio.AbstractEventLoop) -> None:
        """Shut the application down when the Granian worker stops."""

    def asgi(
        self,
        scope: dict[str, Any],
        receive: Callable[[], Awaitable[dict[str, Any]]],
        send: Callable[[dict[str, Any]], Awaitable[None]],
    ) -> Awaitable[None]:
        """Serve one ASGI connection: ``http``, ``websocket`` or ``lifespan``."""
