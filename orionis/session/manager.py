"""Starts and saves the session of a request, and says how its cookie is written."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orionis.session.handler import SessionHandler
from orionis.session.store import Session

__all__ = ["CookieOptions", "SessionManager", "make_handler"]


@dataclass(frozen=True, slots=True)
class CookieOptions:
    """The session cookie's name and attributes (from ``config/session.py``)."""

    name: str
    max_age: int | None
    path: str
    domain: str | None
    secure: bool
    httponly: bool
    samesite: str | None


class SessionManager:
    """Owns the driver. ``await manager.start(cookie)`` then ``await manager.commit(session)``."""

    def __init__(
        self, handler: SessionHandler, cookie: CookieOptions, lottery: tuple[int, int] = (2, 100)
    ) -> None:
        self.handler = handler
        self.cookie = cookie
        self.lottery = lottery

    async def start(self, cookie: str | None) -> Session:
        """The session the cookie names (a new one when it names none), with a CSRF token."""
        session = await self.handler.load(cookie)
        session.token()
        return session

    async def commit(self, session: Session) -> str:
        """Age flash data, save the session, return the cookie value to send."""
        session.age_flash_data()
        value = await self.handler.save(session)
        chance, out_of = self.lottery
        if out_of > 0 and random.randint(1, out_of) <= chance:
            await self.handler.gc()
        return value

    async def close(self) -> None:
        """Release the driver's connections."""
        await self.handler.close()


def make_handler(
    driver: str, settings: dict[str, Any], base: Path, encrypter: Any
) -> SessionHandler:
    """The driver named in ``config/session.py``; ``encrypter`` is needed by ``cookie`` only."""
    lifetime = int(settings["lifetime"]) * 60
    if driver == "memory":
        from orionis.session.memory_handler import MemorySessionHandler

        return MemorySessionHandler(lifetime)
    if driver == "file":
        from orionis.session.file_handler import FileSessionHandler

        return FileSessionHandler(base / str(settings["files"]), lifetime)
    if driver == "redis":
        from orionis.session.redis_handler import RedisSessionHandler

        return RedisSessionHandler(str(settings["redis_url"]), lifetime, str(settings["prefix"]))
    from orionis.session.cookie_handler import CookieSessionHandler

    return CookieSessionHandler(encrypter(), lifetime, str(settings["cookie"]))
