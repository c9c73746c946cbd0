"""WebSockets: middleware run on every connection, allowed origins and limits."""

from orionis.config import env

# Middleware run on every WebSocket connection, outermost first, outside the route's own
# (classes or aliases with `async def handle_websocket(self, websocket, next, *params)`).
# The origin check always runs before them.
middleware: list = []

# Origins a browser handshake may come from besides the app's own (same scheme, host and
# port): exact origins such as "https://app.example.com", or "*" for any. Comma-separated in
# WEBSOCKET_ALLOWED_ORIGINS. Handshakes without an Origin header (non-browser clients) pass.
allowed_origins = [
    origin.strip()
    for origin in str(env("WEBSOCKET_ALLOWED_ORIGINS", "")).split(",")
    if origin.strip()
]

# Largest inbound message, in bytes; a larger one closes the connection with 1009 (0: off).
# Granian has no limit of its own and reads the whole frame first: this protects the app.
max_message_size = env("WEBSOCKET_MAX_MESSAGE_SIZE", 1024 * 1024)

# Seconds a handler may wait in receive() for an inbound message before the connection is
# closed with 1001 (0: off).
idle_timeout = env("WEBSOCKET_IDLE_TIMEOUT", 300)

# Open connections per worker process; over it, handshakes are answered 503 (0: no cap).
max_connections = env("WEBSOCKET_MAX_CONNECTIONS", 1000)
