"""The ``cookie`` driver: the whole session, encrypted, in the session cookie itself.

Nothing is stored on the server. The payload carries its own expiry, so a copied cookie
stops working after the lifetime. Browsers keep about 4 KB per cookie: keep sessions small.
"""

from __future__ import annotations

import time
from typing import Any

from orionis.encryption import DecryptError, Encrypter
from orionis.session.handler import SessionHandler
from orionis.session.store import ID_PATTERN, Session, new_session_id

__all__ = ["CookieSessionHandler"]


class CookieSessionHandler(SessionHandler):
    """Sessions kept by the client, encrypted and authenticated with APP_KEY."""

    def __init__(self, encrypter: Encrypter, lifetime: int, cookie: str) -> None:
        self.encrypter = encrypter
        self.lifetime = lifetime
        self.cookie = cookie

    async def load(self, cookie: str | None) -> Session:
        payload = self._open(cookie) if cookie else None
        if payload is None:
            return Session(new_session_id())
        return Session(payload["id"], payload["data"])

    async def save(self, session: Session) -> str:
        payload = {"id": session.id, "data": session.all(), "expires": time.time() + self.lifetime}
        return self.encrypter.encrypt(payload, context=self.cookie)

    def _open(self, cookie: str) -> dict[str, Any] | None:
        try:
            payload = self.encrypter.decrypt(cookie, context=self.cookie)
        except DecryptError:
            return None
        valid = (
            isinstance(payload, dict)
            and isinstance(payload.get("id"), str)
            and ID_PATTERN.fullmatch(payload["id"]) is not None
            and isinstance(payload.get("data"), dict)
            and isinstance(payload.get("expires"), (int, float))
            and payload["expires"] >= time.time()
        )
        return payload if valid else None
