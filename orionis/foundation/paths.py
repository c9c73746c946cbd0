"""Where the parts of the skeleton live, relative to the application's base path."""

from __future__ import annotations

from pathlib import Path

__all__ = ["Paths"]


class Paths:
    """Path helpers mixed into ``Application``; each joins optional parts onto its folder."""

    _base: Path

    def base_path(self, *parts: str) -> Path:
        """The project root (where ``config/`` and ``.env`` are), or a path inside it."""
        return self._base.joinpath(*parts)

    def app_path(self, *parts: str) -> Path:
        """``app/``: the application's own code."""
        return self._base.joinpath("app", *parts)

    def bootstrap_path(self, *parts: str) -> Path:
        """``bootstrap/``: the composition of the application."""
        return self._base.joinpath("bootstrap", *parts)

    def config_path(self, *parts: str) -> Path:
        """``config/``: one module per configuration section."""
        return self._base.joinpath("config", *parts)

    def routes_path(self, *parts: str) -> Path:
        """``routes/``: the route files."""
        return self._base.joinpath("routes", *parts)

    def resource_path(self, *parts: str) -> Path:
        """``resources/``: templates and other source assets."""
        return self._base.joinpath("resources", *parts)

    def storage_path(self, *parts: str) -> Path:
        """``storage/``: files the application writes (logs, sessions, uploads)."""
        return self._base.joinpath("storage", *parts)

    def public_path(self, *parts: str) -> Path:
        """``storage/app/public``: files served as they are under the static route."""
        return self._base.joinpath("storage", "app", "public", *parts)
