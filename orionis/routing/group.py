"""`RouteGroup`: the attributes a ``with Route.group(...)`` block gives the routes inside it."""

from collections.abc import Iterable
from dataclasses import dataclass

from orionis.routing.compiler import Middleware
from orionis.routing.route import flatten_middleware
from orionis.routing.template import join_paths

__all__ = ["MiddlewareArg", "RouteGroup"]

MiddlewareArg = Middleware | Iterable[Middleware]
"""One middleware or several, as group and registrar arguments accept them."""


@dataclass(frozen=True, slots=True)
class RouteGroup:
    """Accumulated group attributes: what a route defined right now inherits."""

    prefix: str = "/"
    name: str = ""
    middleware: tuple[Middleware, ...] = ()
    without_middleware: tuple[Middleware, ...] = ()

    def nest(
        self,
        *,
        prefix: str = "",
        name: str = "",
        middleware: MiddlewareArg = (),
        without_middleware: MiddlewareArg = (),
    ) -> "RouteGroup":
        """The attributes of a group opened inside this one: prefixes join, lists extend."""
        return RouteGroup(
            prefix=join_paths(self.prefix, prefix),
            name=self.name + name,
            middleware=self.middleware + flatten_middleware((middleware,)),
            without_middleware=self.without_middleware + flatten_middleware((without_middleware,)),
        )
