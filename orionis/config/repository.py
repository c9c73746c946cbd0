"""The configuration repository: ``{section: {key: value}}`` read with dot paths."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orionis.config.errors import ConfigError, ConfigKeyError
from orionis.support.suggest import did_you_mean

__all__ = ["Repository"]

_MISSING: Any = object()


class Repository:
    """Holds every config section and reads nested values with dot paths.

    ``get("app.name")``, ``get("http.middleware_groups.web")``: each part after the section
    looks one level deeper into nested dicts. Nothing is cached, so ``set()`` is seen at once.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self._items: dict[str, dict[str, Any]] = {
            name: dict(values) for name, values in (items or {}).items()
        }

    def get(self, key: str, default: Any = None) -> Any:
        """The value at dot path ``key`` (a section name gives the section), else ``default``."""
        name, _, rest = key.partition(".")
        values = self._items.get(name)
        if values is None:
            return default
        if not rest:
            return values
        if "." not in rest:
            return values.get(rest, default)
        node: Any = values
        for part in rest.split("."):
            if not isinstance(node, dict):
                return default
            node = node.get(part, _MISSING)
            if node is _MISSING:
                return default
        return node

    def has(self, key: str) -> bool:
        """Whether a value is set at dot path ``key`` (a value of None counts as set)."""
        return self.get(key, _MISSING) is not _MISSING

    def set(self, key: str, value: Any) -> None:
        """Set the value at dot path ``key``, creating the dicts on the way that are missing."""
        parts = key.split(".")
        if len(parts) == 1:
            self._items[key] = dict(_require_mapping(key, value))
            return
        node: dict[str, Any] = self._items.setdefault(parts[0], {})
        for index, part in enumerate(parts[1:-1], start=2):
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                path = ".".join(parts[:index])
                raise ConfigError(
                    f"Cannot set config {key!r}: {path!r} holds a {type(child).__name__}, "
                    f"not a dict. Set {path!r} to a dict first, or pick another key."
                )
            node = child
        node[parts[-1]] = value

    def all(self) -> dict[str, dict[str, Any]]:
        """Every section, as a new dict of (shallow) copies of the sections."""
        return {name: dict(values) for name, values in self._items.items()}

    def section(self, name: str) -> dict[str, Any]:
        """A (shallow) copy of section ``name``; a missing section raises ``ConfigKeyError``."""
        values = self._items.get(name)
        if values is None:
            raise ConfigKeyError(self._missing_message(name))
        return dict(values)

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise ConfigKeyError(self._missing_message(key))
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.has(key)

    def __repr__(self) -> str:
        # Section names only: values may hold secrets (app.key, passwords).
        return f"Repository(sections={sorted(self._items)!r})"

    def _missing_message(self, key: str) -> str:
        parts = key.split(".")
        node: Any = self._items
        depth = 0
        while depth < len(parts) and isinstance(node, dict) and parts[depth] in node:
            node = node[parts[depth]]
            depth += 1
        parent = ".".join(parts[:depth])
        if not isinstance(node, dict):
            reason = f"{parent!r} holds a {type(node).__name__}, not a dict."
        elif depth == 0:
            reason = f"there is no config section {parts[0]!r}.{did_you_mean(parts[0], node)}"
        else:
            missing = parts[depth]
            reason = f"{parent!r} has no key {missing!r}.{did_you_mean(missing, node)}"
        return (
            f"No config value at {key!r}: {reason} Define it in config/{parts[0]}.py, "
            f"or read it with config.get({key!r}, default)."
        )


def _require_mapping(key: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(
            f"Cannot set config section {key!r} to a {type(value).__name__}: a section is a "
            f"dict of keys. Pass a dict, or set one key with a dot path ({key}.name)."
        )
    return value
