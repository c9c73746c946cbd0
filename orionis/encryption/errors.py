"""Errors of the encryption layer."""

from orionis.support.errors import OrionisError

__all__ = ["DecryptError", "EncryptionError", "MissingKeyError", "WeakKeyError"]


class EncryptionError(OrionisError):
    """Encryption is misconfigured or a value cannot be encrypted."""


class MissingKeyError(EncryptionError):
    """APP_KEY (or one of APP_PREVIOUS_KEYS) is missing or malformed."""


class WeakKeyError(MissingKeyError):
    """APP_KEY (or a previous key) is well formed but unfit: too regular, text, or published."""


class DecryptError(EncryptionError):
    """A payload was not made by this application's keys, or was changed since."""
