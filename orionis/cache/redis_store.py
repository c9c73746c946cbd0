"""The ``redis`` driver: values shared by every worker and machine using one Redis server.

Each key is a Redis hash: ``v`` holds the value, ``e`` the expiry time read from the
application's clock (absent: never). A value is alive while the clock is before ``e``, which
keeps every driver (and a frozen test clock) in agreement; Redis's own expiry, set to the
same length, only deletes the key once it is dead. Writes that read first (``add``,
``increment``) are Lua scripts: atomic, and one round trip.
"""

from __future__ import annotations

import math
from typing import Any

import redis.asyncio as redis
from redis.commands.core import AsyncScript
from redis.exceptions import ResponseError

from orionis.cache.clock import Clock, SystemClock
from orionis.cache.errors import CacheError

__all__ = ["DEFAULT_PREFIX", "RedisStore"]

DEFAULT_PREFIX = "orionis_cache:"
"""What the store's keys start with, so that several applications can share a server."""

_STORE = """
local function alive(key, now)
  local item = redis.call('HMGET', key, 'v', 'e')
  if item[1] and (not item[2] or tonumber(item[2]) > tonumber(now)) then return item end
  return nil
end
local function store(key, value, expires, ttl_ms)
  redis.call('DEL', key)
  if expires == '' then
    redis.call('HSET', key, 'v', value)
  else
    redis.call('HSET', key, 'v', value, 'e', expires)
    redis.call('PEXPIRE', key, ttl_ms)
  end
end
"""
# KEYS[1] = key; ARGV = value, expires, ttl_ms
_PUT = _STORE + "store(KEYS[1], ARGV[1], ARGV[2], ARGV[3])\nreturn 1\n"
# KEYS[1] = key; ARGV = now, value, expires, ttl_ms
_ADD = (
    _STORE
    + """
if alive(KEYS[1], ARGV[1]) then return 0 end
store(KEYS[1], ARGV[2], ARGV[3], ARGV[4])
return 1
"""
)
# KEYS[1] = key; ARGV = now, amount, expires, ttl_ms
_INCREMENT = (
    _STORE
    + """
if alive(KEYS[1], ARGV[1]) then return redis.call('HINCRBY', KEYS[1], 'v', ARGV[2]) end
store(KEYS[1], ARGV[2], ARGV[3], ARGV[4])
return tonumber(ARGV[2])
"""
)


class RedisStore:
    """Cache values in Redis under ``prefix + key``; connects on first use."""

    def __init__(self, url: str, prefix: str = DEFAULT_PREFIX, clock: Clock | None = None) -> None:
        self.url = url
        self.prefix = prefix
        self.clock: Clock = clock if clock is not None else SystemClock()
        self._client: redis.Redis | None = None
        self._scripts: dict[str, AsyncScript] = {}

    @property
    def client(self) -> redis.Redis:
        """The asyncio client (connections are made on first use)."""
        if self._client is None:
            self._client = redis.Redis.from_url(self.url)
        return self._client

    async def get(self, key: str) -> bytes | None:
        value, _ = await self._read(key)
        return value

    async def put(self, key: str, value: bytes, ttl: float | None) -> None:
        await self._run(_PUT, key, value, *self._expiry(ttl))

    async def add(self, key: str, value: bytes, ttl: float | None) -> bool:
        added = await self._run(_ADD, key, self._now(), value, *self._expiry(ttl))
        return bool(added)

    async def increment(self, key: str, amount: int, ttl: float | None = None) -> int:
        try:
            value = await self._run(_INCREMENT, key, self._now(), amount, *self._expiry(ttl))
        except ResponseError as error:
            if "not an integer" not in str(error):
                raise
            raise CacheError(
                f"The cache value under {key!r} is not an integer, so it cannot be incremented "
                "or decremented. Forget the key, or store an integer in it."
            ) from error
        return int(value)

    async def ttl(self, key: str) -> float | None:
        value, expires = await self._read(key)
        if value is None or expires is None:
            return None
        return expires - self.clock.now()

    async def forget(self, key: str) -> None:
        await self.client.delete(self.prefix + key)

    async def flush(self) -> None:
        client = self.client
        batch: list[bytes] = []
        async for name in client.scan_iter(match=_glob_escape(self.prefix) + "*", count=500):
            batch.append(name)
            if len(batch) >= 500:
                await client.delete(*batch)
                batch.clear()
        if batch:
            await client.delete(*batch)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
            self._scripts.clear()

    async def _read(self, key: str) -> tuple[bytes | None, float | None]:
        fields: list[Any] = await self.client.hmget(self.prefix + key, ["v", "e"])
        value: bytes | None = fields[0]
        expires: bytes | None = fields[1]
        if value is None:
            return None, None
        if expires is None:
            return value, None
        at = float(expires)
        return (value, at) if at > self.clock.now() else (None, None)

    def _now(self) -> str:
        return repr(self.clock.now())

    def _expiry(self, ttl: float | None) -> tuple[str, int]:
        if ttl is None:
            return "", 0
        # Redis deletes the key a little after the clock says it died, never before.
        return repr(self.clock.now() + ttl), max(1, math.ceil(ttl * 1000))

    async def _run(self, source: str, key: str, *args: Any) -> Any:
        script = self._scripts.get(source)
        if script is None:
            script = self._scripts[source] = self.client.register_script(source)
        return await script(keys=[self.prefix + key], args=list(args))


def _glob_escape(text: str) -> str:
    return "".join("\\" + char if char in "*?[]\\" else char for char in text)
