"""``encrypt()`` and ``decrypt()`` with the application's encrypter."""

from __future__ import annotations

from typing import Any

from orionis.encryption.encrypter import Encrypter
from orionis.foundation.application import Application

__all__ = ["decrypt", "encrypt"]


def encrypt(value: Any) -> str:
    """``value`` encrypted with ``APP_KEY`` (authenticated; JSON inside)."""
    encrypter: Encrypter = Application.get_instance().make(Encrypter)
    return encrypter.encrypt(value)


def decrypt(payload: str) -> Any:
    """What ``encrypt()`` was given; raises ``DecryptError`` for a changed or foreign payload."""
    encrypter: Encrypter = Application.get_instance().make(Encrypter)
    return encrypter.decrypt(payload)
