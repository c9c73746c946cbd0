"""Turning middleware off for the requests of a test: ``client.without_middleware(...)``.

Middleware chains are compiled at boot and build each middleware per request, calling its
``handle()``; the switch replaces ``handle`` on the class with a pass-through until it is
switched back (the client does that when it closes), so the compiled chains stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orionis.foundation.application import Application
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.routing import Router

__all__ = ["MiddlewareSwitch", "middleware_classes"]

_INHERITED = object()


async def _pass_through(self: Any, request: Request, next: Any, *params: Any) -> Response:
    response: Response = await next(request)
    return response


class MiddlewareSwitch:
    """Disables middleware classes and puts their ``handle()`` back later."""

    def __init__(self) -> None:
        self._originals: dict[type, Any] = {}

    @property
    def disabled(self) -> frozenset[type]:
        """The classes turned off now."""
        return frozenset(self._originals)

    def disable(self, classes: Iterable[type]) -> None:
        """Make each class's ``handle()`` call the next handler and nothing else."""
        for cls in classes:
            if cls not in self._originals:
                self._originals[cls] = cls.__dict__.get("handle", _INHERITED)
                cls.handle = _pass_through  # type: ignore[attr-defined]

    def restore(self) -> None:
        """Put every disabled class's own ``handle()`` back."""
        for cls, original in reversed(list(self._originals.items())):
            if original is _INHERITED:
                del cls.handle
            else:
                cls.handle = original
        self._originals.clear()


def middleware_classes(app: Application) -> set[type]:
    """Every middleware class the application's stacks, groups, aliases and routes name."""
    config, settings = app.config, app.http
    entries: list[Any] = [
        *config.get("http.middleware", []),
        *config.get("http.middleware_aliases", {}).values(),
        *settings.aliases.values(),
        *settings.prepend,
        *settings.append,
    ]
    for group in (*config.get("http.middleware_groups", {}).values(), *settings.groups.values()):
        entries.extend(group)
    if app.bound(Router):
        router: Router = app.make(Router)
        for route in router.routes:
            entries.extend(route.middleware)
    return {entry for entry in entries if isinstance(entry, type)}
