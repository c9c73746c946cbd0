"""``CacheManager``: builds the stores of ``config/cache.py`` on first use, one per driver."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from orionis.cache.clock import Clock
from orionis.cache.contract import Store
from orionis.cache.errors import CacheError
from orionis.cache.repository import CacheRepository
from orionis.support.suggest import did_you_mean

__all__ = ["DRIVERS", "CacheManager"]

DRIVERS = ("memory", "redis")
"""The store names a ``CacheManager`` knows."""


class CacheManager:
    """``manager.store()`` is the default store; ``manager.store("memory")`` a named one.

    ``clock`` is called when the first store is built, not before: a test that swaps the
    ``Clock`` binding before using the cache gets every store on its clock.
    """

    def __init__(self, settings: Mapping[str, Any], clock: Callable[[], Clock]) -> None:
        self.settings = dict(settings)
        self._clock = clock
        self._stores: dict[str, CacheRepository] = {}

    @property
    def default_driver(self) -> str:
        """The driver ``store()`` uses (``cache.driver``)."""
        return str(self.settings.get("driver", "memory"))

    def store(self, name: str | None = None) -> CacheRepository:
        """The repository of the store ``name`` (the default driver when None)."""
        name = self.default_driver if name is None else name
        repository = self._stores.get(name)
        if repository is None:
            repository = self._stores[name] = CacheRepository(self._build(name))
        return repository

    def _build(self, name: str) -> Store:
        if name == "memory":
            from orionis.cache.memory_store import MemoryStore

            return MemoryStore(self._clock())
        if name == "redis":
            # Imported only when configured: the redis client is not needed otherwise.
            from orionis.cache.redis_store import DEFAULT_PREFIX, RedisStore

            url = str(self.settings.get("redis_url", "redis://127.0.0.1:6379/0"))
            prefix = str(self.settings.get("prefix", DEFAULT_PREFIX))
            return RedisStore(url, prefix, self._clock())
        raise CacheError(
            f"Unknown cache store {name!r}.{did_you_mean(name, DRIVERS)} Stores are: "
            f"{', '.join(DRIVERS)} (set CACHE_DRIVER in .env, or pass one to store())."
        )

    async def close(self) -> None:
        """Close every store built so far (their connections); later use builds them anew."""
        stores, self._stores = list(self._stores.values()), {}
        for repository in stores:
            await repository.store.close()
