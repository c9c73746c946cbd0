"""Compiling one route: its regex, parameter specs, conflict signature and URL parts."""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from orionis.routing.actions import Action
from orionis.routing.template import Param, Token

__all__ = ["CompiledRoute", "Middleware", "ParamSpec"]

Middleware = str | type
"""A middleware reference: an alias such as ``"auth"`` / ``"throttle:60,1"``, or a class."""


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """A path parameter as compiled: its regex, converter and group number in the route regex."""

    name: str
    type_name: str
    pattern: str
    convert: Callable[[str], Any] | None
    optional: bool
    index: int


class CompiledRoute:
    """A route frozen at boot; what `Router.match` returns and the kernel runs.

    ``handler`` is a free slot the kernel fills at boot with the route's prepared handler, so
    a request needs no lookup from route to handler. ``websocket`` is True for the routes of
    ``Route.websocket``: the router keeps them apart from HTTP routes. ``max_body_size`` is the
    route's own body limit (None: the configured one); ``body_limits`` is the slot the HTTP
    layer fills at boot with the limits that follow from it.
    """

    __slots__ = (
        "action",
        "base_params",
        "body_limits",
        "defaults",
        "handler",
        "location",
        "max_body_size",
        "methods",
        "middleware",
        "name",
        "params",
        "path",
        "regex",
        "signature",
        "url_parts",
        "websocket",
        "wheres",
        "without_middleware",
    )

    def __init__(
        self,
        *,
        methods: tuple[str, ...],
        path: str,
        tokens: tuple[Token, ...],
        action: Action,
        location: str,
        name: str | None = None,
        middleware: tuple[Middleware, ...] = (),
        without_middleware: tuple[Middleware, ...] = (),
        wheres: Mapping[str, str] | None = None,
        defaults: Mapping[str, Any] | None = None,
        websocket: bool = False,
        max_body_size: int | None = None,
    ) -> None:
        self.methods = methods
        self.max_body_size = max_body_size
        self.body_limits: Any = None
        self.websocket = websocket
        self.path = path
        self.action = action
        self.location = location
        self.name = name
        self.middleware = middleware
        self.without_middleware = without_middleware
        self.wheres: dict[str, str] = dict(wheres or {})
        self.defaults: dict[str, Any] = dict(defaults or {})
        self.handler: Any = None
        self.url_parts = _url_parts(tokens, self.wheres)
        self.params: tuple[ParamSpec, ...] = tuple(
            part for part in self.url_parts if isinstance(part, ParamSpec)
        )
        self.signature = tuple(
            part if isinstance(part, str) else (part.pattern, part.optional)
            for part in self.url_parts
        )
        self.regex = re.compile(regex_source(self.url_parts)) if self.params else None
        self.base_params = _base_params(self.params, self.defaults)

    @property
    def is_static(self) -> bool:
        """True when the path has no parameters (it is matched by one dict lookup)."""
        return self.regex is None

    def __repr__(self) -> str:
        methods = "|".join(self.methods)
        return f"<CompiledRoute {methods} {self.path} name={self.name!r} at {self.location}>"


def regex_source(parts: tuple[str | ParamSpec, ...]) -> str:
    """The regex of a path, one capturing group per parameter (for use with ``fullmatch``)."""
    source = ""
    for part in parts:
        if isinstance(part, str):
            source += re.escape(part)
        elif part.optional:
            # The slash before an optional last segment goes with it: /archive/2024 matches.
            source = source.removesuffix("/")
            source += f"/(?:({part.pattern}))?" if not source else f"(?:/({part.pattern}))?"
        else:
            source += f"({part.pattern})"
    return source


def _url_parts(tokens: tuple[Token, ...], wheres: Mapping[str, str]) -> tuple[str | ParamSpec, ...]:
    parts: list[str | ParamSpec] = []
    index = 1
    for token in tokens:
        if isinstance(token, str):
            parts.append(token)
            continue
        spec = _param_spec(token, wheres, index)
        parts.append(spec)
        # A where-pattern may hold its own groups; they shift the numbers of later parameters.
        index += 1 + re.compile(spec.pattern).groups
    return tuple(parts)


def _param_spec(param: Param, wheres: Mapping[str, str], index: int) -> ParamSpec:
    converter = param.converter
    pattern = wheres.get(param.name, converter.pattern)
    return ParamSpec(param.name, converter.name, pattern, converter.convert, param.optional, index)


def _base_params(specs: tuple[ParamSpec, ...], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The dict every match starts from: parameters in path order (absent optionals get their
    default or None; required ones are always overwritten), then non-path defaults."""
    base = {spec.name: defaults.get(spec.name) for spec in specs}
    base.update({key: value for key, value in defaults.items() if key not in base})
    return base
