"""Binds the ``Broadcaster`` configured in ``config/broadcasting.py``."""

from __future__ import annotations

from typing import Any

from orionis.broadcasting.contract import Broadcaster
from orionis.broadcasting.manager import make_broadcaster
from orionis.broadcasting.memory import MemoryBroadcaster
from orionis.foundation.enums.lifespan import Lifespan
from orionis.foundation.provider import ServiceProvider

__all__ = ["BroadcastServiceProvider"]


class BroadcastServiceProvider(ServiceProvider):
    """``Broadcaster`` as a singleton, built at boot (no connection yet), closed at shutdown."""

    _instance: MemoryBroadcaster | None = None

    def register(self) -> None:
        self.app.singleton(Broadcaster, self._broadcaster)
        self.app.on(Lifespan.SHUTDOWN, self._close)

    def boot(self) -> None:
        # Built now so that a bad send_timeout stops boot, not the first broadcast; building
        # connects to nothing.
        self.app.make(Broadcaster)

    def _broadcaster(self) -> Broadcaster:
        settings: dict[str, Any] = dict(self.app.config.get("broadcasting", {}))
        self._instance = make_broadcaster(settings)
        return self._instance

    async def _close(self) -> None:
        # Only a broadcaster that was built holds connections and a listener task.
        if self._instance is not None:
            await self._instance.close()
            self._instance = None
