"""Authenticated encryption with the application key (AES-256-GCM from ``cryptography``).

A payload is ``base64url(version byte + 12-byte nonce + ciphertext + tag)``. The version and an
optional ``context`` (a cookie's name, say) are authenticated too, so a payload made for one
context does not decrypt in another. Decryption tries the current key, then each previous key,
so rotating ``APP_KEY`` keeps what the old key encrypted readable.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Sequence
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from orionis.encryption.errors import (
    DecryptError,
    EncryptionError,
    MissingKeyError,
    WeakKeyError,
)

__all__ = ["KEY_BYTES", "PUBLISHED_KEYS", "Encrypter", "generate_key", "key_weakness", "parse_key"]

KEY_BYTES = 32
_VERSION = b"\x01"
_NONCE_BYTES = 12
_FIX = "Run `reactor key:generate` to write a fresh APP_KEY to .env"


def generate_key() -> str:
    """A new key as ``APP_KEY`` holds it: ``base64:`` and 32 random bytes."""
    return "base64:" + base64.b64encode(os.urandom(KEY_BYTES)).decode()


def parse_key(value: str, name: str = "APP_KEY", *, testing: bool = False) -> bytes:
    """The 32 bytes of a ``base64:...`` key; a missing, malformed or weak one raises with the fix.

    Weak means any of: fewer than 8 distinct byte values (all-same bytes, short repeated
    patterns), every byte printable ASCII (base64 of a passphrase, not of random bytes), or a
    key published with the skeleton (its ``.env.testing`` key), which ``testing=True`` allows
    (``APP_ENV=testing``). A random key trips the first two tests with odds below 1e-13.
    """
    if not value:
        raise MissingKeyError(
            f"{name} is not set, and encryption needs it (encrypted cookies, sessions, "
            f"encrypt()). {_FIX} (config/app.py reads it as app.key)."
        )
    if not value.startswith("base64:"):
        raise MissingKeyError(
            f"{name} must start with 'base64:' followed by {KEY_BYTES} random bytes in base64; "
            f"got a value without the prefix. {_FIX} --force."
        )
    try:
        key = base64.b64decode(value.removeprefix("base64:"), validate=True)
    except (binascii.Error, ValueError):
        raise MissingKeyError(
            f"{name} is not valid base64 after 'base64:'. {_FIX} --force."
        ) from None
    if len(key) != KEY_BYTES:
        raise MissingKeyError(
            f"{name} decodes to {len(key)} bytes; AES-256 needs exactly {KEY_BYTES}. "
            f"{_FIX} --force."
        )
    weakness = key_weakness(key, published_allowed=testing)
    if weakness is not None:
        raise WeakKeyError(f"{name} is weak: {weakness}. {_FIX} --force.")
    return key


_MIN_DISTINCT_BYTES = 8

# Keys anyone can read in this repository: the skeleton's committed .env.testing key. A cookie
# signed with it can be forged by whoever cloned the project, so it is for APP_ENV=testing only.
PUBLISHED_KEYS: frozenset[bytes] = frozenset(
    {base64.b64decode("HSvkquzkHTMQFwxSoptPhQTRoHJuxwJRvM7J9TKriRo=")}
)


def key_weakness(key: bytes, *, published_allowed: bool = False) -> str | None:
    """Why 32 key bytes are unfit to encrypt with, or None when they look random."""
    distinct = len(set(key))
    if distinct < _MIN_DISTINCT_BYTES:
        return (
            f"its {len(key)} bytes hold only {distinct} distinct value"
            f"{'s' if distinct > 1 else ''} (random bytes hold about 30)"
        )
    if all(0x20 <= byte < 0x7F for byte in key):
        return "every byte is printable text: it encodes a passphrase, not random bytes"
    if key in PUBLISHED_KEYS and not published_allowed:
        return (
            "it is the key published in the skeleton's .env.testing, which anyone can read; "
            "it is accepted only when APP_ENV=testing"
        )
    return None


class Encrypter:
    """``encrypter.encrypt({"id": 1})`` -> a URL-safe string; ``decrypt()`` gives the value back.

    Values go through JSON (orjson), never pickle: a decrypted payload cannot run code.
    """

    __slots__ = ("_ciphers",)

    def __init__(self, key: bytes, previous_keys: Sequence[bytes] = ()) -> None:
        for candidate in (key, *previous_keys):
            if len(candidate) != KEY_BYTES:
                raise EncryptionError(
                    f"An encryption key must be {KEY_BYTES} bytes, got {len(candidate)}."
                )
        self._ciphers = tuple(AESGCM(k) for k in (key, *previous_keys))

    @classmethod
    def from_config(
        cls, key: str, previous_keys: Sequence[str] = (), *, testing: bool = False
    ) -> Encrypter:
        """From ``APP_KEY`` and ``APP_PREVIOUS_KEYS`` values (``base64:...`` each); weak keys
        are refused (see ``parse_key``), previous ones too: they still decrypt cookies."""
        previous = [
            parse_key(k.strip(), "APP_PREVIOUS_KEYS", testing=testing)
            for k in previous_keys
            if k.strip()
        ]
        return cls(parse_key(key, testing=testing), previous)

    def encrypt(self, value: Any, context: str = "") -> str:
        """``value`` (anything JSON can hold) as an authenticated, encrypted string."""
        try:
            data = orjson.dumps(value)
        except orjson.JSONEncodeError as error:
            raise EncryptionError(
                f"Cannot encrypt {type(value).__name__}: {error}. Encrypt str, int, float, "
                "bool, None, list, dict or a dataclass."
            ) from error
        return self.encrypt_bytes(data, context)

    def decrypt(self, payload: str, context: str = "") -> Any:
        """The value ``encrypt()`` was given; a changed or foreign payload raises DecryptError."""
        data = self.decrypt_bytes(payload, context)
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            # Sealed with our key by encrypt_bytes(), not encrypt(): still not a value to load.
            raise DecryptError("The payload does not hold JSON.") from None

    def encrypt_string(self, value: str, context: str = "") -> str:
        """Like ``encrypt()`` for a string, without JSON around it."""
        return self.encrypt_bytes(value.encode(), context)

    def decrypt_string(self, payload: str, context: str = "") -> str:
        """The string ``encrypt_string()`` was given."""
        try:
            return self.decrypt_bytes(payload, context).decode()
        except UnicodeDecodeError:
            raise DecryptError("The payload is not a string.") from None

    def encrypt_bytes(self, data: bytes, context: str = "") -> str:
        """Encrypt raw bytes with the current key."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._ciphers[0].encrypt(nonce, data, _VERSION + context.encode())
        return base64.urlsafe_b64encode(_VERSION + nonce + sealed).rstrip(b"=").decode()

    def decrypt_bytes(self, payload: str, context: str = "") -> bytes:
        """Decrypt with the current key, then each previous key; raise DecryptError if none fits."""
        raw = _decode(payload)
        nonce, sealed = raw[1 : 1 + _NONCE_BYTES], raw[1 + _NONCE_BYTES :]
        associated = _VERSION + context.encode()
        for cipher in self._ciphers:
            try:
                return cipher.decrypt(nonce, sealed, associated)
            except InvalidTag:
                continue
        raise DecryptError("The payload is invalid: it was changed or made with another key.")


def _decode(payload: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    except (binascii.Error, ValueError):
        raise DecryptError("The payload is not valid base64url.") from None
    if len(raw) < 1 + _NONCE_BYTES + 16 or raw[:1] != _VERSION:
        raise DecryptError("The payload is too short or of an unknown version.")
    # The decoder also takes '+', '/', padding and any value in the last character's unused
    # bits: only the one spelling encrypt_bytes() writes is accepted, so a sealed value cannot
    # be altered in transit and still be believed.
    if base64.urlsafe_b64encode(raw).rstrip(b"=").decode() != payload:
        raise DecryptError("The payload is not in canonical base64url.")
    return raw
