"""Binds the ``Clock``, the ``CacheManager`` and the default ``CacheRepository``."""

from __future__ import annotations

from typing import Any

from orionis.cache.clock import Clock, SystemClock
from orionis.cache.manager import CacheManager
from orionis.cache.repository import CacheRepository
from orionis.foundation.enums.lifespan import Lifespan
from orionis.foundation.provider import ServiceProvider

__all__ = ["CacheServiceProvider"]


def _default_store(manager: CacheManager) -> CacheRepository:
    return manager.store()


class CacheServiceProvider(ServiceProvider):
    """Nothing is built at boot: stores (and Redis connections) come with their first use."""

    _instance: CacheManager | None = None

    def register(self) -> None:
        self.app.singleton(Clock, SystemClock)
        self.app.singleton(CacheManager, self._manager)
        self.app.singleton(CacheRepository, _default_store)
        self.app.on(Lifespan.SHUTDOWN, self._close)

    def _manager(self) -> CacheManager:
        settings: dict[str, Any] = dict(self.app.config.get("cache", {}))
        self._instance = CacheManager(settings, lambda: self.app.make(Clock))
        return self._instance

    async def _close(self) -> None:
        # Only a manager that was built holds connections.
        if self._instance is not None:
            await self._instance.close()
            self._instance = None
