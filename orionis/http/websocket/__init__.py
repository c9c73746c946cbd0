"""WebSockets: the connection object, its RSGI and ASGI adapters, the kernel that runs a
connection, route endpoints and middleware. Users import from ``orionis.http``."""

from orionis.http.websocket.errors import UpgradeRequired, WebSocketError, WebSocketSetupError
from orionis.http.websocket.middleware import (
    WebSocketHandler,
    WebSocketMiddleware,
    WebSocketNext,
)
from orionis.http.websocket.transport import Message, WebSocketTransport
from orionis.http.websocket.websocket import (
    WebSocket,
    WebSocketDisconnect,
    WebSocketLimits,
    WebSocketState,
)

__all__ = [
    "Message",
    "UpgradeRequired",
    "WebSocket",
    "WebSocketDisconnect",
    "WebSocketError",
    "WebSocketHandler",
    "WebSocketLimits",
    "WebSocketMiddleware",
    "WebSocketNext",
    "WebSocketSetupError",
    "WebSocketState",
    "WebSocketTransport",
]
