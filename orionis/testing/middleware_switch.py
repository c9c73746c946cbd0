"""Turning middleware off for the requests of a test: ``client.without_middleware(...)``.

Middleware chains are compiled at boot and build each middleware per request, calling its
``handle()`` (``handle_websocket()`` on WebSocket routes); the switch replaces those methods on
the class with pass-throughs until it is switched back (the client does that when it closes),
so the compiled chains stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orionis.foundation.application import Application
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.http.websocket import WebSocket
from orionis.routing import Router

__all__ = ["MiddlewareSwitch", "middleware_classes"]

_INHERITED = object()


async def _pass_through(self: Any, request: Request, next: Any, *params: Any) -> Response:
    response: Response = await next(request)
    return response


async def _pass_websocket(self: Any, websocket: WebSocket, next: Any, *params: Any) -> None:
    await next(websocket)


_PASS_THROUGHS = {"handle": _pass_through, "handle_websocket": _pass_websocket}


class MiddlewareSwitch:
    """Disables middleware classes and puts their own methods back later."""

    def __init__(self) -> None:
        self._originals: dict[type, dict[str, Any]] = {}

    @property
    def disabled(self) -> frozenset[type]:
        """The classes turned off now."""
        return frozenset(self._originals)

    def disable(self, classes: Iterable[type]) -> None:
        """Make each class's ``handle()`` (and ``handle_websocket()``) call the next handler
        and nothing else."""
        for cls in classes:
            if cls in self._originals:
                continue
            originals = self._originals[cls] = {}
            for name, pass_through in _PASS_THROUGHS.items():
                if callable(getattr(cls, name, None)):
                    originals[name] = cls.__dict__.get(name, _INHERITED)
                    setattr(cls, name, pass_through)

    def restore(self) -> None:
        """Put every disabled class's own methods back."""
        for cls, originals in reversed(list(self._originals.items())):
            for name, original in originals.items():
                if original is _INHERITED:
                    delattr(cls, name)
                else:
                    setattr(cls, name, original)
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
        *config.get("websockets.middleware", []),
    ]
    for group in (*config.get("http.middleware_groups", {}).values(), *settings.groups.values()):
        entries.extend(group)
    if app.bound(Router):
        router: Router = app.make(Router)
        for route in router.routes:
            entries.extend(route.middleware)
    return {entry for entry in entries if isinstance(entry, type)}
