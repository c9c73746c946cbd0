"""Authenticated encryption with ``APP_KEY``: ``encrypt()``, ``decrypt()``, ``Encrypter``."""

from orionis.encryption.encrypter import KEY_BYTES, Encrypter, generate_key, parse_key
from orionis.encryption.errors import DecryptError, EncryptionError, MissingKeyError
from orionis.encryption.helpers import decrypt, encrypt
from orionis.encryption.provider import EncryptionServiceProvider

__all__ = [
    "KEY_BYTES",
    "DecryptError",
    "Encrypter",
    "EncryptionError",
    "EncryptionServiceProvider",
    "MissingKeyError",
    "decrypt",
    "encrypt",
    "generate_key",
    "parse_key",
]
