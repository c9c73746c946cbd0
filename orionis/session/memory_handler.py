"""The ``memory`` driver: sessions in this process's memory (tests, single-process dev)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

from orionis.session.handler import ServerSessionHandler

__all__ = ["MemorySessionHandler"]


class MemorySessionHandler(ServerSessionHandler):
    """Sessions in a dict: lost on restart and not shared between workers."""

    def __init__(self, lifetime: int) -> None:
        super().__init__(lifetime)
        self.sessions: dict[str, tuple[float, dict[str, Any]]] = {}

    async def read(self, session_id: str) -> dict[str, Any] | None:
        entry = self.sessions.get(session_id)
        if entry is None or entry[0] < time.time():
            return None
        return dict(entry[1])

    async def write(
        self,
        session_id: str,
        changed: Mapping[str, Any],
        removed: Iterable[str],
        *,
        replace: bool,
    ) -> None:
        current = {} if replace else (await self.read(session_id) or {})
        current.update(changed)
        for key in removed:
            current.pop(key, None)
        self.sessions[session_id] = (time.time() + self.lifetime, current)

    async def touch(self, session_id: str) -> None:
        entry = self.sessions.get(session_id)
        if entry is not None:
            self.sessions[session_id] = (time.time() + self.lifetime, entry[1])

    async def destroy(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)

    async def gc(self) -> None:
        now = time.time()
        for session_id in [sid for sid, (expires, _) in self.sessions.items() if expires < now]:
            del self.sessions[session_id]
