"""``CacheRepository``: Laravel's cache verbs over one store, values as JSON."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

import orjson

from orionis.cache.clock import Clock
from orionis.cache.contract import Store
from orionis.cache.errors import CacheError

__all__ = ["CacheRepository", "Ttl"]

Ttl = int | float | timedelta | None
"""Seconds (or a ``timedelta``) a value lives; None: forever; 0 or less: not at all."""

_T = TypeVar("_T")


class CacheRepository:
    """``await cache.put("stats", {...}, 60)``, ``await cache.get("stats")``, ``remember``…

    Controllers type-hint it to get the default store of ``config/cache.py``. Values are
    stored as JSON (orjson), never pickled: they come back as dicts, lists, strings, numbers,
    booleans or None, whichever driver keeps them.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def clock(self) -> Clock:
        """The clock the store decides expiry with."""
        return self.store.clock

    async def get(self, key: str, default: Any = None) -> Any:
        """The value under ``key``; else ``default`` (called first when it is callable)."""
        raw = await self.store.get(key)
        if raw is None:
            return await _value(default)
        return orjson.loads(raw)

    async def has(self, key: str) -> bool:
        """True when ``key`` holds a value other than None."""
        return await self.get(key) is not None

    async def put(self, key: str, value: Any, ttl: Ttl = None) -> None:
        """Store ``value`` for ``ttl`` (None: forever); a ttl of 0 or less forgets the key."""
        seconds = _seconds(ttl)
        if seconds is not None and seconds <= 0:
            await self.store.forget(key)
            return
        await self.store.put(key, _encode(key, value), seconds)

    async def forever(self, key: str, value: Any) -> None:
        """Store ``value`` with no expiry."""
        await self.put(key, value)

    async def add(self, key: str, value: Any, ttl: Ttl = None) -> bool:
        """Store ``value`` only if ``key`` holds nothing; True when it was stored (atomic)."""
        seconds = _seconds(ttl)
        if seconds is not None and seconds <= 0:
            return False
        return await self.store.add(key, _encode(key, value), seconds)

    async def increment(self, key: str, amount: int = 1, *, ttl: Ttl = None) -> int:
        """Add ``amount`` to the integer under ``key`` (atomic) and return the new value.

        A missing key starts at 0; ``ttl`` applies only when this call creates the key.
        """
        seconds = _seconds(ttl)
        if seconds is not None and seconds <= 0:
            raise CacheError(
                f"increment({key!r}, ttl={ttl!r}): the ttl must be more than 0 seconds, or "
                "None for a counter that never expires."
            )
        return await self.store.increment(key, amount, seconds)

    async def decrement(self, key: str, amount: int = 1) -> int:
        """Subtract ``amount`` from the integer under ``key`` and return the new value."""
        return await self.store.increment(key, -amount)

    async def forget(self, key: str) -> None:
        """Remove ``key``."""
        await self.store.forget(key)

    async def pull(self, key: str, default: Any = None) -> Any:
        """The value under ``key`` (else ``default``), removed from the cache."""
        value = await self.get(key, default)
        await self.store.forget(key)
        return value

    async def remember(self, key: str, ttl: Ttl, callback: Callable[[], Any]) -> Any:
        """The value under ``key``; when missing, ``callback()`` (sync or async) is stored
        for ``ttl`` and returned."""
        raw = await self.store.get(key)
        if raw is not None:
            return orjson.loads(raw)
        value = await _value(callback)
        await self.put(key, value, ttl)
        return value

    async def remember_forever(self, key: str, callback: Callable[[], Any]) -> Any:
        """``remember`` with no expiry."""
        return await self.remember(key, None, callback)

    async def ttl(self, key: str) -> float | None:
        """Seconds until ``key`` expires; None when it is missing or never expires."""
        return await self.store.ttl(key)

    async def flush(self) -> None:
        """Remove every value of this store."""
        await self.store.flush()

    def __repr__(self) -> str:
        return f"<CacheRepository {type(self.store).__name__}>"


def _seconds(ttl: Ttl) -> float | None:
    if ttl is None:
        return None
    if isinstance(ttl, timedelta):
        return ttl.total_seconds()
    if isinstance(ttl, bool) or not isinstance(ttl, (int, float)):
        raise CacheError(
            f"A cache ttl must be seconds (int or float), a timedelta, or None; got {ttl!r}."
        )
    return float(ttl)


def _encode(key: str, value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError as error:
        raise CacheError(
            f"The cache stores JSON and cannot encode the {type(value).__name__} given for "
            f"{key!r} ({error}). Store dicts, lists, strings, numbers, booleans or None, "
            "e.g. a dict of the object's fields."
        ) from error


async def _value(source: Callable[[], Awaitable[_T] | _T] | Any) -> Any:
    if not callable(source):
        return source
    result = source()
    if inspect.isawaitable(result):
        result = await result
    return result
