"""Binds the ``Encrypter`` made from ``APP_KEY`` and ``APP_PREVIOUS_KEYS``."""

from __future__ import annotations

from orionis.encryption.encrypter import Encrypter
from orionis.foundation.provider import ServiceProvider

__all__ = ["EncryptionServiceProvider"]


class EncryptionServiceProvider(ServiceProvider):
    """``Encrypter`` as a singleton; the key is read (and checked) when first needed.

    The web provider resolves it at boot when a route's middleware needs it, so a missing
    key stops boot rather than the first request.
    """

    def register(self) -> None:
        self.app.singleton(Encrypter, self._encrypter)

    def _encrypter(self) -> Encrypter:
        config = self.app.config
        return Encrypter.from_config(
            str(config.get("app.key", "") or ""),
            list(config.get("app.previous_keys", [])),
            testing=bool(self.app.environment("testing")),
        )
