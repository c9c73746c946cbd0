"""The configuration of the running application, for the ``config()`` helper."""

from __future__ import annotations

from typing import Any

from orionis.config.errors import ConfigError
from orionis.config.repository import Repository

__all__ = ["config", "current_repository", "use_repository"]

_current: list[Repository] = []


def use_repository(repository: Repository) -> None:
    """Make ``repository`` the one ``config()`` reads (the Application does this)."""
    _current[:] = [repository]


def current_repository() -> Repository:
    """The repository of the most recently created application."""
    if not _current:
        raise ConfigError(
            "config() was called before any Application was created. Build the application "
            "(bootstrap/app.py) before reading configuration through the helper."
        )
    return _current[0]


def config(key: str | None = None, default: Any = None) -> Any:
    """Read configuration with a dot path (``config("app.name")``); no key gives the repository."""
    repository = current_repository()
    return repository if key is None else repository.get(key, default)
