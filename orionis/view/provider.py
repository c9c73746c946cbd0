"""Binds the view factory from ``config/view.py``."""

from __future__ import annotations

from orionis.foundation.provider import ServiceProvider
from orionis.view.factory import ViewFactory

__all__ = ["ViewServiceProvider"]


class ViewServiceProvider(ServiceProvider):
    """Makes ``ViewFactory`` a singleton reading templates from the configured paths."""

    def register(self) -> None:
        self.app.singleton(ViewFactory, self._factory)

    def _factory(self) -> ViewFactory:
        config = self.app.config
        paths = [self.app.base_path(p) for p in config.get("view.paths", ["resources/views"])]
        return ViewFactory(
            paths,
            cache=bool(config.get("view.cache", True)),
            autoescape=bool(config.get("view.autoescape", True)),
            offload_after_ms=float(config.get("view.offload_after_ms", 5.0)),
        )
