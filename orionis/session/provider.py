"""Binds the ``SessionManager`` configured in ``config/session.py``."""

from __future__ import annotations

from typing import Any

from orionis.encryption import Encrypter
from orionis.foundation.enums.lifespan import Lifespan
from orionis.foundation.provider import ServiceProvider
from orionis.session.manager import CookieOptions, SessionManager, make_handler

__all__ = ["SessionServiceProvider"]


class SessionServiceProvider(ServiceProvider):
    """``SessionManager`` as a singleton, built when the ``session`` middleware first needs it."""

    _instance: SessionManager | None = None

    def register(self) -> None:
        self.app.singleton(SessionManager, self._manager)
        self.app.on(Lifespan.SHUTDOWN, self._close)

    def _manager(self) -> SessionManager:
        settings: dict[str, Any] = dict(self.app.config.get("session", {}))
        handler = make_handler(
            settings["driver"], settings, self.app.base_path(), lambda: self.app.make(Encrypter)
        )
        lifetime = int(settings["lifetime"]) * 60
        cookie = CookieOptions(
            name=settings["cookie"],
            max_age=None if settings["expire_on_close"] else lifetime,
            path=settings["path"],
            domain=settings["domain"],
            secure=settings["secure"],
            httponly=settings["http_only"],
            samesite=settings["same_site"],
        )
        lottery = settings["lottery"]
        self._instance = SessionManager(handler, cookie, (int(lottery[0]), int(lottery[1])))
        return self._instance

    async def _close(self) -> None:
        # Only a manager that was built holds connections.
        if self._instance is not None:
            await self._instance.close()
            self._instance = None
