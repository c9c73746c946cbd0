"""The ``redis`` driver: one Redis hash per session, shared by every worker and machine.

Each key of the session is a field of the hash, so a request writes only the fields it
changed (``HSET``/``HDEL`` in one transaction) and concurrent requests lose no key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson
import redis.asyncio as redis

from orionis.session.handler import ServerSessionHandler

__all__ = ["RedisSessionHandler"]

# Marks a hash as a live session even when the session holds no key.
_ALIVE = "__alive__"
_ALIVE_BYTES = _ALIVE.encode()


class RedisSessionHandler(ServerSessionHandler):
    """Sessions in Redis under ``prefix + id``; Redis expires them after ``lifetime``."""

    def __init__(self, url: str, lifetime: int, prefix: str = "orionis_session:") -> None:
        super().__init__(lifetime)
        self.url = url
        self.prefix = prefix
        self._client: redis.Redis | None = None

    @property
    def client(self) -> redis.Redis:
        """The asyncio client (connections are made on first use)."""
        if self._client is None:
            self._client = redis.Redis.from_url(self.url)
        return self._client

    async def read(self, session_id: str) -> dict[str, Any] | None:
        try:
            fields: dict[Any, Any] = await self.client.hgetall(self.prefix + session_id)
        except redis.ResponseError as error:
            if str(error).startswith("WRONGTYPE"):  # something else wrote this key
                return None
            raise
        if not fields:
            return None
        try:
            return {
                key.decode(): orjson.loads(value)
                for key, value in fields.items()
                if key != _ALIVE_BYTES
            }
        except (UnicodeDecodeError, orjson.JSONDecodeError):
            # Not written by this driver: the client gets a new session, nothing is loaded.
            return None

    async def write(
        self,
        session_id: str,
        changed: Mapping[str, Any],
        removed: Iterable[str],
        *,
        replace: bool,
    ) -> None:
        key = self.prefix + session_id
        mapping = {name: orjson.dumps(value) for name, value in changed.items()}
        mapping[_ALIVE] = b"1"
        async with self.client.pipeline(transaction=True) as pipe:
            if replace:
                pipe.delete(key)
            pipe.hset(key, mapping=mapping)  # type: ignore[arg-type]
            gone = [name for name in removed if name not in changed]
            if gone:
                pipe.hdel(key, *gone)
            pipe.expire(key, self.lifetime)
            await pipe.execute()

    async def touch(self, session_id: str) -> None:
        await self.client.expire(self.prefix + session_id, self.lifetime)

    async def destroy(self, session_id: str) -> None:
        await self.client.delete(self.prefix + session_id)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
