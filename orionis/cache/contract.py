"""What a cache driver does: keep bytes under keys, expiring them by the injected clock."""

from __future__ import annotations

from typing import Protocol

from orionis.cache.clock import Clock

__all__ = ["Store"]


class Store(Protocol):
    """A cache driver. Values are bytes (``CacheRepository`` encodes them as JSON).

    ``ttl`` is in seconds and always > 0, or None for a value that never expires. A value
    is alive while ``clock.now()`` is before its expiry; every driver decides it the same way.
    """

    clock: Clock

    async def get(self, key: str) -> bytes | None:
        """The value under ``key``, or None when it is missing or expired."""
        ...

    async def put(self, key: str, value: bytes, ttl: float | None) -> None:
        """Store ``value`` under ``key`` for ``ttl`` seconds (None: forever)."""
        ...

    async def add(self, key: str, value: bytes, ttl: float | None) -> bool:
        """Store ``value`` only if ``key`` holds nothing alive; True when it was stored."""
        ...

    async def increment(self, key: str, amount: int, ttl: float | None = None) -> int:
        """Add ``amount`` to the integer under ``key``, atomically, and return the result.

        A missing or expired key starts at 0 and expires after ``ttl`` seconds (None: never);
        an existing key keeps its expiry.
        """
        ...

    async def ttl(self, key: str) -> float | None:
        """Seconds until ``key`` expires; None when it is missing or never expires."""
        ...

    async def forget(self, key: str) -> None:
        """Remove ``key``."""
        ...

    async def flush(self) -> None:
        """Remove every key of this store (only this store's prefix on a shared server)."""
        ...

    async def close(self) -> None:
        """Release connections (at shutdown)."""
        ...
