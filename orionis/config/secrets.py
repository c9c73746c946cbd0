"""Recognising secrets in the configuration and the environment, and masking them in text.

What counts as a secret: the value of any variable or config key whose name contains secret,
token, password, passwd or credential, or has a word key(s), pass, salt, dsn or auth, or ends
in key (``APP_KEY``, ``STRIPE_SECRET``, ``DB_PASS``, ``apikey``); every ``base64:...`` key; and
the password part of any URL (``redis://:pw@host``, ``postgres://user:pw@host/db``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

__all__ = ["MASK", "SecretMasker", "looks_secret", "mask_url_passwords"]

MASK = "********"

_SECRET_PARTS = ("secret", "token", "password", "passwd", "credential")
_SECRET_WORDS = frozenset({"key", "keys", "pass", "salt", "dsn", "auth"})
_WORD = re.compile(r"[a-z0-9]+")
# scheme://user:password@ — the password is whatever sits between the first ':' after the
# scheme's '//' and the last '@' before the host; a user without a password is left alone.
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)[^\s@/]*(?=@)")
# Values shorter than this are not searched for in text: "1" or "on" would mask half a page.
_MIN_SECRET_LENGTH = 6


def looks_secret(name: str) -> bool:
    """True for names like ``APP_KEY``, ``STRIPE_SECRET``, ``db.password``, ``api_token``."""
    lowered = name.lower()
    if lowered.endswith("key") or any(part in lowered for part in _SECRET_PARTS):
        return True
    return not _SECRET_WORDS.isdisjoint(_WORD.findall(lowered))


def mask_url_passwords(text: str) -> str:
    """``redis://:pw@host:6379/0`` -> ``redis://:********@host:6379/0``, anywhere in ``text``."""
    return _URL_PASSWORD.sub(lambda match: match["head"] + MASK, text)


class SecretMasker:
    """Replaces every known secret value in a text with `MASK`.

    Built from the configuration (a nested mapping) and the environment: values under secret
    names, ``base64:`` keys and URL passwords are collected once; ``mask(text)`` then replaces
    them (longest first, so that a secret containing another is masked whole).
    """

    __slots__ = ("_pattern",)

    def __init__(self, secrets: Iterable[str]) -> None:
        found = sorted({s for s in secrets if len(s) >= _MIN_SECRET_LENGTH}, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, found))) if found else None

    @classmethod
    def from_sources(
        cls, config: Mapping[str, Any], environ: Mapping[str, str] | None = None
    ) -> SecretMasker:
        """The secrets of ``config`` (nested mappings) and ``environ`` (``os.environ``)."""
        environ = os.environ if environ is None else environ
        values = [*_config_secrets(config, ()), *_environment_secrets(environ)]
        return cls(values)

    def mask(self, text: str) -> str:
        """``text`` with known secrets and URL passwords replaced by `MASK`."""
        if self._pattern is not None:
            text = self._pattern.sub(MASK, text)
        return mask_url_passwords(text)


def _secret_values(name: str, value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if looks_secret(name) or value.startswith("base64:"):
            yield value
        yield from _url_passwords(value)


def _url_passwords(value: str) -> Iterator[str]:
    for match in _URL_PASSWORD.finditer(value):
        password = value[match.end("head") : match.end()]
        if password:
            yield password


def _config_secrets(values: Any, path: tuple[str, ...]) -> Iterator[str]:
    if isinstance(values, Mapping):
        for key, value in values.items():
            yield from _config_secrets(value, (*path, str(key)))
    elif isinstance(values, list | tuple):
        for item in values:
            yield from _config_secrets(item, path)
    elif isinstance(values, str) and path:
        yield from _secret_values(path[-1], values)


def _environment_secrets(environ: Mapping[str, str]) -> Iterator[str]:
    for name, value in environ.items():
        yield from _secret_values(name, value)
        if looks_secret(name):
            # A previous-keys list or a comma-separated credentials list: each item too.
            yield from (item.strip() for item in value.split(",") if item.strip())
