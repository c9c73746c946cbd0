"""`RouteCollection`: the routes of one application as route files define them."""

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from orionis.routing.actions import check_action, check_websocket_action
from orionis.routing.converters import DEFAULT_CONVERTERS, Converter, check_pattern
from orionis.routing.errors import RoutingError
from orionis.routing.group import MiddlewareArg, RouteGroup
from orionis.routing.location import caller_location
from orionis.routing.resource import ResourceRegistration, register_resource
from orionis.routing.route import RouteDefinition
from orionis.routing.router import Router
from orionis.routing.template import join_paths, parse_template

__all__ = ["ANY_METHODS", "WEBSOCKET_METHODS", "RouteCollection"]

ANY_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
WEBSOCKET_METHODS = ("WEBSOCKET",)
"""What a WebSocket route shows as its methods (route:list); the router matches it apart."""


class RouteCollection:
    """Collects route definitions, group by group, then compiles them into a `Router` at boot.

    Route files normally reach it through the `Route` facade. Parameter types beyond the
    built-in ones are registered here (or with ``Route.converter``) before the routes that use
    them are defined.
    """

    def __init__(self) -> None:
        self._routes: list[RouteDefinition] = []
        self._groups: list[RouteGroup] = [RouteGroup()]
        self._converters: dict[str, Converter] = dict(DEFAULT_CONVERTERS)
        self._fallback: RouteDefinition | None = None

    @property
    def routes(self) -> tuple[RouteDefinition, ...]:
        """Every route defined so far, in registration order (the fallback excluded)."""
        return tuple(self._routes)

    @property
    def converters(self) -> Mapping[str, Converter]:
        """The parameter types routes of this collection may use, by name."""
        return dict(self._converters)

    def converter(
        self, name: str, pattern: str, convert: Callable[[str], Any] | None = None
    ) -> None:
        """Add (or replace) the parameter type ``{param:name}``.

        ``convert`` turns the matched text into the value; raising ``ValueError`` means no match.
        """
        if not name.isidentifier():
            raise RoutingError(
                f"Parameter type name {name!r} is not an identifier. Use letters, digits and _."
            )
        check_pattern(pattern, f"Parameter type {name!r}")
        self._converters[name] = Converter(name, pattern, convert)

    @contextmanager
    def group(
        self,
        *,
        prefix: str = "",
        name: str = "",
        middleware: MiddlewareArg = (),
        without_middleware: MiddlewareArg = (),
    ) -> Iterator[RouteGroup]:
        """Routes defined inside the block get the prefix, name prefix and middleware."""
        group = self._groups[-1].nest(
            prefix=prefix, name=name, middleware=middleware, without_middleware=without_middleware
        )
        self._groups.append(group)
        try:
            yield group
        finally:
            self._groups.pop()

    def add(
        self, methods: Iterable[str], path: str, action: object, *, location: str | None = None
    ) -> RouteDefinition:
        """Define a route; ``location`` (``file:line``) defaults to the caller's."""
        location = location or caller_location()
        route = self._define(_normalize_methods(methods, location), path, action, location)
        self._routes.append(route)
        return route

    def websocket(
        self, path: str, action: object, *, location: str | None = None
    ) -> RouteDefinition:
        """Define a WebSocket route; ``location`` (``file:line``) defaults to the caller's."""
        location = location or caller_location()
        route = self._define(WEBSOCKET_METHODS, path, action, location, websocket=True)
        self._routes.append(route)
        return route

    def resource(
        self,
        name: str,
        controller: type,
        *,
        location: str | None = None,
        api: bool = False,
        only: Iterable[str] | None = None,
        except_: Iterable[str] = (),
        parameters: Mapping[str, str] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> ResourceRegistration:
        """Define resource routes (see `orionis.routing.resource`)."""
        return register_resource(
            self,
            name,
            controller,
            location=location or caller_location(),
            api=api,
            only=only,
            except_=except_,
            parameters=parameters,
            names=names,
        )

    def fallback(self, action: object, *, location: str | None = None) -> RouteDefinition:
        """Define the route the kernel runs when no other route matches the path."""
        location = location or caller_location()
        if self._fallback is not None:
            raise RoutingError(
                f"A fallback route is defined twice: at {self._fallback.location} and at "
                f"{location}. Keep one of them."
            )
        self._fallback = self._define(ANY_METHODS, "", action, location)
        return self._fallback

    def compile(self) -> Router:
        """Freeze every route into a `Router`; raises on duplicate names and conflicts."""
        fallback = self._fallback.compile() if self._fallback is not None else None
        return Router([route.compile() for route in self._routes], fallback=fallback)

    def _define(
        self,
        methods: tuple[str, ...],
        path: str,
        action: object,
        location: str,
        *,
        websocket: bool = False,
    ) -> RouteDefinition:
        group = self._groups[-1]
        check = check_websocket_action if websocket else check_action
        full_path = join_paths(group.prefix, path)
        tokens = parse_template(full_path, self._converters, f"Route {full_path!r} at {location}")
        return RouteDefinition(
            methods,
            full_path,
            tokens,
            check(action, location),
            location,
            name_prefix=group.name,
            middleware=group.middleware,
            without_middleware=group.without_middleware,
            websocket=websocket,
        )


def _normalize_methods(methods: Iterable[str], location: str) -> tuple[str, ...]:
    """Uppercase, deduplicated, in order; GET brings HEAD along."""
    if isinstance(methods, str):
        methods = (methods,)
    normalized = list(dict.fromkeys(method.upper() for method in methods))
    if not normalized or not all(method.isalpha() for method in normalized):
        raise RoutingError(
            f"Route at {location} has invalid HTTP methods {methods!r}. "
            'Pass names such as ["GET", "POST"].'
        )
    if "GET" in normalized and "HEAD" not in normalized:
        normalized.append("HEAD")
    return tuple(normalized)
