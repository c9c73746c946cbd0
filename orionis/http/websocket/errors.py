"""Errors of the WebSocket layer: misuse of a connection, setup mistakes found at boot, 426."""

from __future__ import annotations

from orionis.http.errors import HttpSetupError
from orionis.http.exceptions import HttpException
from orionis.support.errors import OrionisError

__all__ = ["UpgradeRequired", "WebSocketError", "WebSocketSetupError", "close_code_for"]


class WebSocketError(OrionisError):
    """A WebSocket was used out of order (send before accept, reject after accept...) or asked
    for something its server interface cannot do; the message says which and the fix."""


class WebSocketSetupError(HttpSetupError):
    """A WebSocket route, its middleware or config/websockets.py cannot be prepared at boot."""


class UpgradeRequired(HttpException):
    """426: a plain HTTP request reached a path that only serves WebSocket connections.

    The ``Upgrade: websocket`` header goes out on HTTP/1.x only: HTTP/2 forbids
    connection-specific headers such as Upgrade in its messages.
    """

    def __init__(self, http_version: str = "1.1") -> None:
        super().__init__(
            426,
            "This path serves WebSocket connections only: open it with a WebSocket client.",
            headers={"Upgrade": "websocket"} if http_version.startswith("1") else None,
        )


def close_code_for(error: BaseException) -> int:
    """The close code an error ends an accepted connection with: 1008 (policy violation) for
    an ``HttpException`` such as ``abort(403)``, 1011 (internal error) for anything else."""
    return 1008 if isinstance(error, HttpException) else 1011
