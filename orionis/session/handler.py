"""What a session driver does: load a session from its cookie, save it, return the cookie."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import Any

from orionis.session.store import ID_PATTERN, Session, new_session_id

__all__ = ["ServerSessionHandler", "SessionHandler"]


class SessionHandler(ABC):
    """A driver: ``load(cookie)`` gives the request's session, ``save(session)`` the new cookie."""

    @abstractmethod
    async def load(self, cookie: str | None) -> Session:
        """The session named by the cookie's value, or a new one."""

    @abstractmethod
    async def save(self, session: Session) -> str:
        """Store the session; return the value for the session cookie."""

    async def gc(self) -> None:  # noqa: B027 - most drivers expire data on their own
        """Delete expired sessions (drivers whose store does not expire data itself)."""

    async def close(self) -> None:  # noqa: B027 - only networked drivers hold connections
        """Release connections at shutdown."""


class ServerSessionHandler(SessionHandler):
    """A driver that keeps data on the server under the id the cookie carries.

    Only the keys a request changed are written and merged into the stored session, so two
    concurrent requests of one session that change different keys both keep their writes.
    """

    def __init__(self, lifetime: int) -> None:
        """``lifetime``: seconds a session lives after its last request."""
        self.lifetime = lifetime

    async def load(self, cookie: str | None) -> Session:
        if cookie and ID_PATTERN.fullmatch(cookie):
            data = await self.read(cookie)
            if data is not None:
                return Session(cookie, data)
        # An unknown id is never adopted: a session id always comes from the server.
        return Session(new_session_id())

    async def save(self, session: Session) -> str:
        for old in session.discarded_ids():
            await self.destroy(old)
        if session.replaced:
            await self.write(session.id, session.all(), (), replace=True)
            return session.id
        changed, removed = session.changes()
        if changed or removed:
            await self.write(session.id, changed, removed, replace=False)
        else:
            await self.touch(session.id)
        return session.id

    @abstractmethod
    async def read(self, session_id: str) -> dict[str, Any] | None:
        """The stored data, or None when there is no live session with this id."""

    @abstractmethod
    async def write(
        self,
        session_id: str,
        changed: Mapping[str, Any],
        removed: Iterable[str],
        *,
        replace: bool,
    ) -> None:
        """Merge ``changed`` and ``removed`` into the stored data (or replace it whole)."""

    @abstractmethod
    async def touch(self, session_id: str) -> None:
        """Extend the session's life without changing its data."""

    @abstractmethod
    async def destroy(self, session_id: str) -> None:
        """Delete the session."""
