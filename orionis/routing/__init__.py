"""Routing: route files, groups and resources; the compiled `Router`; URL generation.

Protocol-free: the HTTP kernel turns each compiled route's action into a handler and calls
`Router.match(method, path)` per request.
"""

from orionis.routing.actions import Action, RedirectAction, ViewAction
from orionis.routing.collection import RouteCollection
from orionis.routing.compiler import CompiledRoute, Middleware, ParamSpec
from orionis.routing.converters import Converter
from orionis.routing.errors import RoutingError
from orionis.routing.group import RouteGroup
from orionis.routing.loading import load_routes
from orionis.routing.match import Match
from orionis.routing.registrar import Route
from orionis.routing.resource import ResourceRegistration
from orionis.routing.route import RouteDefinition
from orionis.routing.router import Router
from orionis.routing.url import UrlGenerator

__all__ = [
    "Action",
    "CompiledRoute",
    "Converter",
    "Match",
    "Middleware",
    "ParamSpec",
    "RedirectAction",
    "ResourceRegistration",
    "Route",
    "RouteCollection",
    "RouteDefinition",
    "RouteGroup",
    "Router",
    "RoutingError",
    "UrlGenerator",
    "ViewAction",
    "load_routes",
]
