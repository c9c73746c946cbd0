"""`RouteDefinition`: one route as a route file declares it, with its fluent setters."""

from collections.abc import Iterable, Mapping
from typing import Any, Self

from orionis.routing.actions import Action
from orionis.routing.compiler import CompiledRoute, Middleware
from orionis.routing.converters import check_pattern
from orionis.routing.errors import RoutingError
from orionis.routing.template import Param, Token
from orionis.support.suggest import did_you_mean

__all__ = ["RouteDefinition", "flatten_middleware"]


def flatten_middleware(
    items: Iterable[Middleware | Iterable[Middleware]],
) -> tuple[Middleware, ...]:
    """Accept ``"auth"``, ``AuthClass`` or lists of them, keep their order."""
    flat: list[Middleware] = []
    for item in items:
        if isinstance(item, str | type):
            flat.append(item)
        else:
            flat.extend(item)
    return tuple(flat)


class RouteDefinition:
    """A route being defined; `Route.get()` and friends return it for chaining.

    The group it was defined in has already applied its prefix, name prefix and middleware.
    Inspect a route through `compile()`, which freezes it into a `CompiledRoute`.
    """

    __slots__ = (
        "_defaults",
        "_max_body_size",
        "_middleware",
        "_name",
        "_name_prefix",
        "_wheres",
        "_without",
        "action",
        "location",
        "methods",
        "path",
        "tokens",
        "websocket",
    )

    def __init__(
        self,
        methods: tuple[str, ...],
        path: str,
        tokens: tuple[Token, ...],
        action: Action,
        location: str,
        *,
        name_prefix: str = "",
        middleware: tuple[Middleware, ...] = (),
        without_middleware: tuple[Middleware, ...] = (),
        websocket: bool = False,
    ) -> None:
        self.methods = methods
        self.websocket = websocket
        self.path = path
        self.tokens = tokens
        self.action = action
        self.location = location
        self._name_prefix = name_prefix
        self._name: str | None = None
        self._middleware = list(middleware)
        self._without = list(without_middleware)
        self._wheres: dict[str, str] = {}
        self._defaults: dict[str, Any] = {}
        self._max_body_size: int | None = None

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """The names of the path parameters, in order."""
        return tuple(token.name for token in self.tokens if isinstance(token, Param))

    def name(self, name: str) -> Self:
        """Name the route; the enclosing groups' name prefixes are put in front."""
        self._name = self._name_prefix + name
        return self

    def middleware(self, *middleware: Middleware | Iterable[Middleware]) -> Self:
        """Add middleware after the groups' middleware, in the order given."""
        self._middleware.extend(flatten_middleware(middleware))
        return self

    def without_middleware(self, *middleware: Middleware | Iterable[Middleware]) -> Self:
        """Exclude middleware that an enclosing group would otherwise apply to this route."""
        self._without.extend(flatten_middleware(middleware))
        return self

    def where(self, name: str | Mapping[str, str], pattern: str | None = None) -> Self:
        """Constrain parameters: ``.where("slug", r"[a-z-]+")`` or ``.where({"a": .., "b": ..})``.

        The value is still converted as the parameter's type says.
        """
        if isinstance(name, str) and pattern is None:
            raise RoutingError(
                f".where({name!r}) on {self._describe()} has no pattern. "
                f'Pass one: .where({name!r}, r"[0-9]+") or .where({{{name!r}: r"..."}}).'
            )
        wheres = dict(name) if isinstance(name, Mapping) else {name: pattern or ""}
        for param, regex in wheres.items():
            self._check_param(param, "where")
            check_pattern(regex, f".where({param!r}, ...) on {self._describe()}")
        self._wheres.update(wheres)
        return self

    def defaults(self, **values: Any) -> Self:
        """Values for absent optional parameters; other names are passed to the action as is."""
        self._defaults.update(values)
        return self

    def max_body_size(self, size: int) -> Self:
        """Accept request bodies of up to ``size`` bytes on this route instead of
        ``http.max_body_size`` (larger for an upload route, smaller for a JSON API); past it
        the request is answered 413 before more of the body is read."""
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise RoutingError(
                f".max_body_size({size!r}) on {self._describe()}: give a whole number of bytes, "
                "e.g. .max_body_size(50 * 1024 * 1024) for 50 MiB."
            )
        self._max_body_size = size
        return self

    def compile(self) -> CompiledRoute:
        """Freeze the route as it is now."""
        return CompiledRoute(
            methods=self.methods,
            path=self.path,
            tokens=self.tokens,
            action=self.action,
            location=self.location,
            name=self._name,
            middleware=tuple(self._middleware),
            without_middleware=tuple(self._without),
            wheres=self._wheres,
            defaults=self._defaults,
            websocket=self.websocket,
            max_body_size=self._max_body_size,
        )

    def __repr__(self) -> str:
        return f"<RouteDefinition {'|'.join(self.methods)} {self.path} at {self.location}>"

    def _check_param(self, param: str, method: str) -> None:
        names = self.parameter_names
        if param not in names:
            listed = ", ".join(names) or "none"
            raise RoutingError(
                f".{method}() on {self._describe()} names {param!r}, which is not one of its "
                f"parameters ({listed}).{did_you_mean(param, names)}"
            )

    def _describe(self) -> str:
        return f"route {self.path!r} at {self.location}"
