"""Errors raised while reading the environment and the configuration."""

from orionis.support.errors import OrionisError

__all__ = ["ConfigError", "ConfigKeyError"]


class ConfigError(OrionisError):
    """A config file failed to load, or a value in it has the wrong key, type or value."""


class ConfigKeyError(ConfigError, KeyError):
    """``config["a.b"]`` named a key that is not set; also a ``KeyError`` for ``except`` clauses."""

    def __str__(self) -> str:
        # KeyError's own __str__ shows the repr of its argument; the message reads better plain.
        return str(self.args[0]) if self.args else ""
