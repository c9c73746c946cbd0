"""Route actions of the broadcasting tests."""

from __future__ import annotations

from orionis.broadcasting import Broadcaster
from orionis.http import Request


class Announcer:
    """Broadcasts the request's JSON to a room; the broadcaster comes by constructor injection."""

    def __init__(self, broadcaster: Broadcaster) -> None:
        self.broadcaster = broadcaster

    async def announce(self, room: str, request: Request) -> dict[str, int]:
        message = {"room": room, **await request.json()}
        return {"delivered": await self.broadcaster.broadcast(f"room.{room}", message)}
