"""Authenticated encryption with ``APP_KEY``: ``encrypt()``, ``decrypt()``, ``Encrypter``."""

from orionis.encryption.encrypter import (
    KEY_BYTES,
    PUBLISHED_KEYS,
    Encrypter,
    generate_key,
    key_weakness,
    parse_key,
)
from orionis.encryption.errors import DecryptError, EncryptionError, MissingKeyError, WeakKeyError
from orionis.encryption.helpers import decrypt, encrypt
from orionis.encryption.provider import EncryptionServiceProvider

__all__ = [
    "KEY_BYTES",
    "PUBLISHED_KEYS",
    "DecryptError",
    "Encrypter",
    "EncryptionError",
    "EncryptionServiceProvider",
    "MissingKeyError",
    "WeakKeyError",
    "decrypt",
    "encrypt",
    "generate_key",
    "key_weakness",
    "parse_key",
]
