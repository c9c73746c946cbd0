"""Route actions: a controller method, a single-action class, a function, a view, a redirect."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from orionis.routing.errors import RoutingError
from orionis.support.suggest import did_you_mean

__all__ = ["Action", "RedirectAction", "ViewAction", "check_action"]


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
    # Every class is callable through its metaclass, so look for a __call__ it defines itself.
    if not any("__call__" in vars(klass) for klass in action.__mro__ if klass is not object):
        raise RoutingError(
            f"Route action {action.__name__} at {location} is a class without __call__. "
            f"Give it a __call__ method (single-action controller) or pass ({action.__name__}, "
            '"method").'
        )
    return action
