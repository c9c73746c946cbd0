"""A chat: the page at /chat/{room}, and its WebSocket, where each message reaches the room."""

import re
import unicodedata
from typing import Any

import orjson

from orionis import view
from orionis.broadcasting import Broadcaster
from orionis.http import WebSocket
from orionis.validation import ValidationError, Validator
from orionis.view import View

MAX_NAME = 32
MAX_TEXT = 500

RULES = {
    "name": f"bail|required|string|max:{MAX_NAME}",
    "text": f"bail|required|string|max:{MAX_TEXT}",
}

# Bidirectional overrides and isolates would let a name read as another's, or one message
# reorder how the lines after it read; control characters have no place in a chat line either.
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SPACES = re.compile(r"\s+")


class ChatController:
    """A hook controller: the container builds one per connection, with the broadcaster.

    A client sends ``{"name": ..., "text": ...}`` as JSON text. A valid message goes to every
    connection in the room, the sender's too (so each client shows what the room saw, in the
    room's order); an invalid one is answered ``{"error": ...}`` to the sender alone. Names and
    texts travel as plain text: the page shows them with ``textContent``, never as markup.
    Binary messages close the connection with 1003 (``encoding = "text"``).
    """

    encoding = "text"

    def __init__(self, broadcaster: Broadcaster) -> None:
        self.broadcaster = broadcaster

    async def show(self, room: str) -> View:
        """The chat page; its script connects to the room's socket."""
        return view("chat", {"room": room, "max_name": MAX_NAME, "max_text": MAX_TEXT})

    async def connect(self, websocket: WebSocket, room: str) -> None:
        """Open the connection and join the room."""
        await websocket.accept()
        await self.broadcaster.join(channel(room), websocket)

    async def receive(self, websocket: WebSocket, message: str, room: str) -> None:
        """Send a valid message to the room; tell the sender what is wrong with another."""
        try:
            chat = parse(message)
        except ValidationError as error:
            await websocket.send_json({"error": str(error)})
            return
        await self.broadcaster.broadcast(channel(room), chat)

    async def disconnect(self, websocket: WebSocket, room: str) -> None:
        """Leave the room, however the connection ended."""
        await self.broadcaster.leave(channel(room), websocket)


def channel(room: str) -> str:
    """The broadcast channel of a room."""
    return f"chat.{room}"


def parse(message: str) -> dict[str, str]:
    """The ``name`` and ``text`` of a client's message, cleaned and checked."""
    try:
        data: Any = orjson.loads(message)
    except orjson.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        raise ValidationError({"message": ['Send JSON: {"name": "...", "text": "..."}.']})
    fields = {key: _clean(data[key], one_line=key == "name") for key in RULES if key in data}
    return Validator(fields, RULES).validate()


def _clean(value: object, *, one_line: bool = False) -> object:
    """``value`` without control characters, bidi overrides and outer spaces (a name on one
    line); anything but a string is left for the rules to refuse."""
    if not isinstance(value, str):
        return value
    kept = "".join(
        char
        for char in value
        if char == "\n" or (char not in _BIDI and unicodedata.category(char) != "Cc")
    )
    return _SPACES.sub(" ", kept).strip() if one_line else kept.strip()
