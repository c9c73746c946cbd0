"""Resource routes: Laravel's seven (or five, for APIs) conventional controller actions."""

from collections.abc import Iterable, Mapping
from typing import Protocol, Self

from orionis.routing.errors import RoutingError
from orionis.routing.group import MiddlewareArg
from orionis.routing.route import RouteDefinition
from orionis.support.suggest import did_you_mean

__all__ = [
    "API_RESOURCE_ACTIONS",
    "RESOURCE_ACTIONS",
    "ResourceRegistration",
    "register_resource",
    "singular",
]

# action, methods, path after the resource (with {} for the parameter)
_TABLE: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("index", ("GET",), ""),
    ("create", ("GET",), "/create"),
    ("store", ("POST",), ""),
    ("show", ("GET",), "/{}"),
    ("edit", ("GET",), "/{}/edit"),
    ("update", ("PUT", "PATCH"), "/{}"),
    ("destroy", ("DELETE",), "/{}"),
)
RESOURCE_ACTIONS = tuple(action for action, _, _ in _TABLE)
API_RESOURCE_ACTIONS = tuple(a for a in RESOURCE_ACTIONS if a not in {"create", "edit"})


class _Adds(Protocol):
    def add(
        self, methods: Iterable[str], path: str, action: object, *, location: str | None = None
    ) -> RouteDefinition: ...


class ResourceRegistration:
    """The routes of one resource; the fluent setters apply to all of them."""

    __slots__ = ("routes",)

    def __init__(self, routes: tuple[RouteDefinition, ...]) -> None:
        self.routes = routes

    def middleware(self, *middleware: MiddlewareArg) -> Self:
        """Add middleware to every route of the resource."""
        for route in self.routes:
            route.middleware(*middleware)
        return self

    def without_middleware(self, *middleware: MiddlewareArg) -> Self:
        """Exclude middleware from every route of the resource."""
        for route in self.routes:
            route.without_middleware(*middleware)
        return self

    def where(self, name: str | Mapping[str, str], pattern: str | None = None) -> Self:
        """Constrain parameters on the routes of the resource that have them."""
        wheres = dict(name) if isinstance(name, Mapping) else {name: pattern}
        for param, regex in wheres.items():
            # No route has it: let the last one raise its "not one of its parameters" error.
            targets = [route for route in self.routes if param in route.parameter_names]
            for route in targets or self.routes[-1:]:
                route.where(param, regex)
        return self


def singular(word: str) -> str:
    """A plain English singular, enough for resource names: categories -> category."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def register_resource(
    collection: _Adds,
    name: str,
    controller: type,
    *,
    location: str,
    api: bool = False,
    only: Iterable[str] | None = None,
    except_: Iterable[str] = (),
    parameters: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> ResourceRegistration:
    """Add the resource routes of ``controller`` under ``/name`` to ``collection``."""
    offered = API_RESOURCE_ACTIONS if api else RESOURCE_ACTIONS
    chosen = _choose(offered, only, except_, location)
    base, param = _resource_path(name, parameters or {})
    name_base = name.replace("/", ".")
    routes: list[RouteDefinition] = []
    for action, methods, tail in _TABLE:
        if action not in chosen:
            continue
        path = base + tail.replace("{}", "{" + param + "}")
        route = collection.add(methods, path, (controller, action), location=location)
        routes.append(route.name((names or {}).get(action, f"{name_base}.{action}")))
    return ResourceRegistration(tuple(routes))


def _choose(
    offered: tuple[str, ...], only: Iterable[str] | None, except_: Iterable[str], location: str
) -> set[str]:
    only_set = set(offered if only is None else only)
    except_set = set(except_)
    for action in sorted(only_set | except_set):
        if action not in offered:
            raise RoutingError(
                f"Resource at {location} names unknown action {action!r}."
                f"{did_you_mean(action, offered)} The actions are: {', '.join(offered)}."
            )
    return only_set - except_set


def _resource_path(name: str, parameters: Mapping[str, str]) -> tuple[str, str]:
    """``photos.comments`` -> ``/photos/{photo}/comments`` and the parameter ``comment``."""
    segments = name.split(".")
    path = ""
    for parent in segments[:-1]:
        path += f"/{parent}/{{{_param_name(parent, parameters)}}}"
    last = segments[-1]
    return f"{path}/{last}", _param_name(last, parameters)


def _param_name(segment: str, parameters: Mapping[str, str]) -> str:
    if segment in parameters:
        return parameters[segment]
    return singular(segment.rsplit("/", 1)[-1]).replace("-", "_")
