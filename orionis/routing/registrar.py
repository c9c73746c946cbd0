"""`Route`: the facade route files use; it adds to the collection being loaded right now."""

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import Any

from orionis.routing.actions import RedirectAction, ViewAction
from orionis.routing.collection import ANY_METHODS, RouteCollection
from orionis.routing.errors import RoutingError
from orionis.routing.group import MiddlewareArg, RouteGroup
from orionis.routing.location import caller_location
from orionis.routing.resource import ResourceRegistration
from orionis.routing.route import RouteDefinition

__all__ = ["Route"]

# A ContextVar, not a global: two applications loading route files (threads, tasks, tests)
# each see their own collection.
_current: ContextVar[RouteCollection | None] = ContextVar("orionis_route_collection", default=None)


def _collection(method: str) -> RouteCollection:
    collection = _current.get()
    if collection is None:
        raise RoutingError(
            f"Route.{method}() was called outside a route file. Define routes in a file that "
            'app.with_routing(web="routes/web.py") loads, or wrap the calls in '
            '"with Route.collecting(collection):".'
        )
    return collection


class Route:
    """Define routes: ``Route.get("/", (HomeController, "index")).name("home")``.

    Every method adds to the `RouteCollection` that `collecting` (and so `load_routes`) made
    current, and records the file and line it was called from for error messages.
    """

    @staticmethod
    @contextmanager
    def collecting(
        collection: RouteCollection,
        *,
        prefix: str = "",
        middleware: MiddlewareArg = (),
        name: str = "",
    ) -> Iterator[RouteCollection]:
        """Make ``collection`` current (inside an outer group) while route files run."""
        token = _current.set(collection)
        try:
            with collection.group(prefix=prefix, name=name, middleware=middleware):
                yield collection
        finally:
            _current.reset(token)

    @staticmethod
    def group(
        *,
        prefix: str = "",
        name: str = "",
        middleware: MiddlewareArg = (),
        without_middleware: MiddlewareArg = (),
    ) -> AbstractContextManager[RouteGroup]:
        """``with Route.group(prefix="/admin", name="admin.", middleware=["auth"]): ...``."""
        return _collection("group").group(
            prefix=prefix, name=name, middleware=middleware, without_middleware=without_middleware
        )

    @staticmethod
    def get(path: str, action: object) -> RouteDefinition:
        """A GET route (it answers HEAD too)."""
        return _collection("get").add(("GET",), path, action, location=caller_location())

    @staticmethod
    def post(path: str, action: object) -> RouteDefinition:
        """A POST route."""
        return _collection("post").add(("POST",), path, action, location=caller_location())

    @staticmethod
    def put(path: str, action: object) -> RouteDefinition:
        """A PUT route."""
        return _collection("put").add(("PUT",), path, action, location=caller_location())

    @staticmethod
    def patch(path: str, action: object) -> RouteDefinition:
        """A PATCH route."""
        return _collection("patch").add(("PATCH",), path, action, location=caller_location())

    @staticmethod
    def delete(path: str, action: object) -> RouteDefinition:
        """A DELETE route."""
        return _collection("delete").add(("DELETE",), path, action, location=caller_location())

    @staticmethod
    def options(path: str, action: object) -> RouteDefinition:
        """An OPTIONS route (without one, the kernel answers OPTIONS from the route table)."""
        return _collection("options").add(("OPTIONS",), path, action, location=caller_location())

    @staticmethod
    def any(path: str, action: object) -> RouteDefinition:
        """A route for every common method: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS."""
        return _collection("any").add(ANY_METHODS, path, action, location=caller_location())

    @staticmethod
    def match(methods: Iterable[str], path: str, action: object) -> RouteDefinition:
        """A route for the given methods: ``Route.match(["GET", "POST"], "/search", search)``."""
        return _collection("match").add(methods, path, action, location=caller_location())

    @staticmethod
    def websocket(path: str, action: object) -> RouteDefinition:
        """A WebSocket route: ``Route.websocket("/ws/chat/{room}", ChatController)``.

        ``action`` is a hook controller (a class with async ``connect``/``receive``/
        ``disconnect``), an async function taking the WebSocket, or ``(Controller, "method")``.
        Groups, names, middleware and ``where`` work as for HTTP routes; the route answers
        WebSocket handshakes only (a plain HTTP request to its path gets 426).
        """
        collection = _collection("websocket")
        return collection.websocket(path, action, location=caller_location())

    @staticmethod
    def view(path: str, template: str, data: Mapping[str, Any] | None = None) -> RouteDefinition:
        """A GET route that renders ``template`` with ``data``."""
        action = ViewAction(template, dict(data or {}))
        return _collection("view").add(("GET",), path, action, location=caller_location())

    @staticmethod
    def redirect(path: str, to: str, status: int = 302) -> RouteDefinition:
        """A route (any method) that redirects to ``to`` with ``status``."""
        action = RedirectAction(to, status)
        return _collection("redirect").add(ANY_METHODS, path, action, location=caller_location())

    @staticmethod
    def permanent_redirect(path: str, to: str) -> RouteDefinition:
        """A route (any method) that redirects to ``to`` with 301."""
        action = RedirectAction(to, 301)
        collection = _collection("permanent_redirect")
        return collection.add(ANY_METHODS, path, action, location=caller_location())

    @staticmethod
    def resource(
        name: str,
        controller: type,
        *,
        only: Iterable[str] | None = None,
        except_: Iterable[str] = (),
        parameters: Mapping[str, str] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> ResourceRegistration:
        """The seven resource routes: index, create, store, show, edit, update, destroy."""
        return _collection("resource").resource(
            name,
            controller,
            location=caller_location(),
            only=only,
            except_=except_,
            parameters=parameters,
            names=names,
        )

    @staticmethod
    def api_resource(
        name: str,
        controller: type,
        *,
        only: Iterable[str] | None = None,
        except_: Iterable[str] = (),
        parameters: Mapping[str, str] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> ResourceRegistration:
        """The five API resource routes: index, store, show, update, destroy."""
        return _collection("api_resource").resource(
            name,
            controller,
            location=caller_location(),
            api=True,
            only=only,
            except_=except_,
            parameters=parameters,
            names=names,
        )

    @staticmethod
    def fallback(action: object) -> RouteDefinition:
        """The route the kernel runs when no route matches the path at all."""
        return _collection("fallback").fallback(action, location=caller_location())

    @staticmethod
    def converter(name: str, pattern: str, convert: Callable[[str], Any] | None = None) -> None:
        """Add the parameter type ``{param:name}`` for the routes defined after this call."""
        _collection("converter").converter(name, pattern, convert)
