"""The application's sessions as a test sees them: seeded before a request, read after it.

Both go through the application's own ``SessionManager`` (the configured driver) and its
cookie encryption, so a seeded session is exactly what a browser would send, and what a
response is checked against is what the driver stored, not an object the request held.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orionis.encryption import DecryptError
from orionis.foundation.application import Application
from orionis.http.middleware.encrypt_cookies import CookieEncrypter
from orionis.session import SessionManager

__all__ = ["SessionState"]


class SessionState:
    """Reads and writes the sessions of ``app`` by the value of their (encrypted) cookie."""

    def __init__(self, app: Application) -> None:
        """``app`` must be booted."""
        self.manager: SessionManager = app.make(SessionManager)
        self._app = app
        self._cookies: CookieEncrypter | None = None

    @property
    def cookie_name(self) -> str:
        """The session cookie's name (``session.cookie``)."""
        return self.manager.cookie.name

    async def seed(self, cookie: str | None, data: Mapping[str, Any], *, encrypted: bool) -> str:
        """Put ``data`` into the session ``cookie`` names (a new one when it names none).

        Returns the value to send as the session cookie, encrypted as the ``cookies``
        middleware expects it when ``encrypted``.
        """
        session = await self.manager.handler.load(self._open(cookie) if cookie else None)
        session.put(data)
        value = await self.manager.handler.save(session)
        return self._seal(value) if encrypted else value

    async def read(self, cookie: str) -> dict[str, Any]:
        """What the driver stores for the session ``cookie`` names (empty when none)."""
        session = await self.manager.handler.load(self._open(cookie))
        return session.all()

    def _encrypter(self) -> CookieEncrypter:
        # Built on first use: an application without APP_KEY can still test sessionless routes.
        if self._cookies is None:
            self._cookies = self._app.make(CookieEncrypter)
        return self._cookies

    def _open(self, value: str) -> str:
        name = self.cookie_name
        cookies = self._encrypter()
        if name in cookies.plain:
            return value
        try:
            return cookies.encrypter.decrypt_string(value, context=name)
        except DecryptError:
            return value  # sent in clear: the `cookies` middleware was off for that request

    def _seal(self, value: str) -> str:
        name = self.cookie_name
        cookies = self._encrypter()
        if name in cookies.plain:
            return value
        return cookies.encrypter.encrypt_string(value, context=name)
