"""The ``memory`` driver: a dict in this process (tests, one worker, per-worker caches)."""

from __future__ import annotations

from orionis.cache.clock import Clock, SystemClock
from orionis.cache.errors import CacheError

__all__ = ["MemoryStore"]

# Expired entries nobody reads again are swept once the dict doubles past this size, so a
# store keyed by client (rate limits) does not grow without bound.
_SWEEP_FLOOR = 1024

_Entry = tuple[bytes, float | None]


class MemoryStore:
    """Values in a dict, lost on restart and not shared between workers.

    Every method runs without awaiting anything, so each one is atomic on the event loop.
    """

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock: Clock = clock if clock is not None else SystemClock()
        self._entries: dict[str, _Entry] = {}
        self._sweep_at = _SWEEP_FLOOR

    async def get(self, key: str) -> bytes | None:
        entry = self._alive(key)
        return None if entry is None else entry[0]

    async def put(self, key: str, value: bytes, ttl: float | None) -> None:
        self._set(key, value, ttl)

    async def add(self, key: str, value: bytes, ttl: float | None) -> bool:
        if self._alive(key) is not None:
            return False
        self._set(key, value, ttl)
        return True

    async def increment(self, key: str, amount: int, ttl: float | None = None) -> int:
        entry = self._alive(key)
        if entry is None:
            self._set(key, str(amount).encode(), ttl)
            return amount
        value = _integer(key, entry[0]) + amount
        self._entries[key] = (str(value).encode(), entry[1])
        return value

    async def ttl(self, key: str) -> float | None:
        entry = self._alive(key)
        if entry is None or entry[1] is None:
            return None
        return entry[1] - self.clock.now()

    async def forget(self, key: str) -> None:
        self._entries.pop(key, None)

    async def flush(self) -> None:
        self._entries.clear()

    async def close(self) -> None:
        """Nothing to release."""

    def _alive(self, key: str) -> _Entry | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        expires = entry[1]
        if expires is not None and expires <= self.clock.now():
            del self._entries[key]
            return None
        return entry

    def _set(self, key: str, value: bytes, ttl: float | None) -> None:
        self._entries[key] = (value, None if ttl is None else self.clock.now() + ttl)
        if len(self._entries) >= self._sweep_at:
            self._sweep()

    def _sweep(self) -> None:
        now = self.clock.now()
        expired = [k for k, (_, at) in self._entries.items() if at is not None and at <= now]
        for key in expired:
            del self._entries[key]
        self._sweep_at = max(_SWEEP_FLOOR, 2 * len(self._entries))

    def __len__(self) -> int:
        return len(self._entries)


def _integer(key: str, value: bytes) -> int:
    try:
        return int(value)
    except ValueError:
        raise CacheError(
            f"The cache value under {key!r} is not an integer ({value[:40]!r}), so it cannot "
            "be incremented or decremented. Forget the key, or store an integer in it."
        ) from None
