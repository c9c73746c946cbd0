"""Route actions: a controller method, a single-action class, a function, a view, a redirect."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from orionis.routing.errors import RoutingError
from orionis.support.suggest import did_you_mean

__all__ = [
    "WEBSOCKET_HOOKS",
    "Action",
    "RedirectAction",
    "ViewAction",
    "check_action",
    "check_websocket_action",
]


@dataclass(frozen=True, slots=True)
class ViewAction:
    """``Route.view``: render ``template`` with ``data`` (the kernel does the rendering)."""

    template: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RedirectAction:
    """``Route.redirect``: answer with a redirect to ``to`` with ``status``."""

    to: str
    status: int = 302


Action = tuple[type, str] | type | Callable[..., Any] | ViewAction | RedirectAction

WEBSOCKET_HOOKS = ("connect", "receive", "disconnect")
"""The methods that make a class a WebSocket hook controller."""


def check_action(action: object, location: str) -> Action:
    """Return ``action`` when it is a route action, else raise naming ``location`` and the fix."""
    if isinstance(action, ViewAction | RedirectAction):
        return action
    if isinstance(action, tuple):
        return _check_controller_method(action, location)
    if inspect.isclass(action):
        return _check_single_action(action, location)
    if callable(action):
        return action
    raise RoutingError(
        f"Route action {action!r} at {location} is not a route action. Pass a function, "
        'a single-action class (with __call__), or a (Controller, "method") tuple.'
    )


def check_websocket_action(action: object, location: str) -> Action:
    """Like `check_action`, for ``Route.websocket``: a hook controller (a class with
    connect/receive/disconnect), a class with ``__call__``, a method tuple or a function."""
    if isinstance(action, tuple):
        return _check_controller_method(action, location)
    if inspect.isclass(action):
        if _defines_call(action) or any(
            callable(getattr(action, h, None)) for h in WEBSOCKET_HOOKS
        ):
            return action
        raise RoutingError(
            f"WebSocket action {action.__name__} at {location} is a class with neither hooks nor "
            "__call__. Give it async connect/receive/disconnect methods (a hook controller), "
            f'a __call__(self, websocket), or pass ({action.__name__}, "method").'
        )
    if callable(action) and not isinstance(action, ViewAction | RedirectAction):
        return action
    raise RoutingError(
        f"WebSocket action {action!r} at {location} is not a WebSocket action. Pass an async "
        'function taking the WebSocket, a hook controller class, or a (Controller, "method") '
        "tuple."
    )


def _defines_call(cls: type) -> bool:
    # Every class is callable through its metaclass, so look for a __call__ it defines itself.
    return any("__call__" in vars(klass) for klass in cls.__mro__ if klass is not object)


def _check_controller_method(action: tuple[object, ...], location: str) -> tuple[type, str]:
    if len(action) != 2 or not isinstance(action[0], type) or not isinstance(action[1], str):
        raise RoutingError(
            f'Route action {action!r} at {location} is not a (Controller, "method") tuple. '
            "Pass the controller class and the method name as a string."
        )
    controller, method = action[0], action[1]
    if not callable(getattr(controller, method, None)):
        public = [name for name in dir(controller) if not name.startswith("_")]
        raise RoutingError(
            f"Route action ({controller.__name__}, {method!r}) at {location}: "
            f"{controller.__name__} has no method {method!r}.{did_you_mean(method, public)} "
            f"Define {controller.__name__}.{method}() or fix the name."
        )
    return controller, method


def _check_single_action(action: type, location: str) -> type:
    if not _defines_call(action):
        raise RoutingError(
            f"Route action {action.__name__} at {location} is a class without __call__. "
            f"Give it a __call__ method (single-action controller) or pass ({action.__name__}, "
            '"method").'
        )
    return action
