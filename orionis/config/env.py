"""``env()`` with Laravel's casting, and loading of ``.env`` then ``.env.{APP_ENV}``.

The loader remembers which variables it wrote to ``os.environ`` (a module-level record).
Before every load it removes them again, unless something else changed them since, so that a
second ``Application`` in the same process (as in tests) reads its own ``.env`` files instead of
taking the first one's values for real environment variables. Variables that were in the
environment before the loader touched them always win over both files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dotenv import dotenv_values

__all__ = ["EnvRead", "env", "load_environment", "recording_env_reads", "unload_environment"]

_WORDS: dict[str, Any] = {
    "true": True,
    "(true)": True,
    "false": False,
    "(false)": False,
    "null": None,
    "(null)": None,
    "empty": "",
    "(empty)": "",
}
# No leading zeros: "007" or "0755" stay strings, so zip codes and file modes keep their digits.
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")

# Variables this loader wrote to os.environ, with the value it wrote.
_written: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class EnvRead:
    """One ``env()`` call that found its variable: the name, the raw text and the cast value."""

    name: str
    raw: str
    value: Any


# While a config file runs: the env() reads it makes, so that a wrong value can name its variable.
_reads: ContextVar[list[EnvRead] | None] = ContextVar("orionis_env_reads", default=None)


@contextmanager
def recording_env_reads() -> Iterator[list[EnvRead]]:
    """Collect the ``env()`` calls made inside the block (those that found their variable)."""
    reads: list[EnvRead] = []
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def env(key: str, default: Any = None) -> Any:
    """Read environment variable ``key``, cast the way Laravel's ``env()`` casts it.

    ``true``/``(true)`` -> True, ``false``/``(false)`` -> False, ``null``/``(null)`` -> None,
    ``empty``/``(empty)`` -> "" (any case); ``"42"``/``"-3"`` -> int; ``"1.5"`` -> float; a value
    in matching quotes -> the text inside, uncast; anything else -> the string itself.
    An unset variable gives ``default`` as it is (a callable default is returned, not called).
    """
    raw = os.environ.get(key)
    if raw is None:
        return default
    value = _cast(raw)
    reads = _reads.get()
    if reads is not None:
        reads.append(EnvRead(key, raw, value))
    return value


def _cast(raw: str) -> Any:
    word = raw.lower()
    if word in _WORDS:
        return _WORDS[word]
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        return raw[1:-1]
    if _INTEGER.fullmatch(raw):
        return int(raw)
    if _FLOAT.fullmatch(raw):
        return float(raw)
    return raw


def load_environment(base_path: Path, environment: str | None = None) -> str:
    """Load ``base_path/.env`` then ``.env.{APP_ENV}`` into ``os.environ``; return the env name.

    The name is ``environment`` when given, else the real ``APP_ENV``, else ``.env``'s
    ``APP_ENV``, else ``"production"``; it is also written to ``APP_ENV`` unless the real
    environment sets that. Values of ``.env.{name}`` override ``.env``; variables already in the
    real environment win over both. Missing files are skipped. Values are taken literally
    (no ``${VAR}`` interpolation). A new load first undoes the previous one.
    """
    unload_environment()
    real = dict(os.environ)
    values = _read(base_path / ".env")
    name = environment or real.get("APP_ENV") or values.get("APP_ENV") or "production"
    values.update(_read(base_path / f".env.{name}"))
    values["APP_ENV"] = name
    for key, value in values.items():
        if key not in real:
            os.environ[key] = value
            _written[key] = value
    return name


def unload_environment() -> None:
    """Remove the variables the last ``load_environment()`` wrote, unless changed since."""
    for key, value in _written.items():
        if os.environ.get(key) == value:
            del os.environ[key]
    _written.clear()


def _read(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    # A bare `NAME` line has no value (None): there is nothing to put in os.environ.
    return {
        key: value
        for key, value in dotenv_values(path, interpolate=False).items()
        if value is not None
    }
