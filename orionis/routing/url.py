"""`UrlGenerator`: URLs for named routes."""

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

from orionis.routing.compiler import CompiledRoute, ParamSpec
from orionis.routing.errors import RoutingError
from orionis.routing.router import Router

__all__ = ["UrlGenerator"]


class UrlGenerator:
    """Build the URL of a named route: ``urls.route("users.show", id=5)`` -> ``/users/5``.

    Parameter values are converted with ``str`` and percent-encoded (``path`` parameters keep
    their slashes); names that are not path parameters become the query string, in order.
    """

    __slots__ = ("_base_url", "_patterns", "_router")

    def __init__(self, router: Router, base_url: str = "") -> None:
        self._router = router
        self._base_url = base_url.rstrip("/")
        self._patterns: dict[str, re.Pattern[str]] = {}

    def route(
        self,
        name: str,
        parameters: Mapping[str, Any] | None = None,
        /,
        *,
        absolute: bool = False,
        **params: Any,
    ) -> str:
        """The URL of route ``name``; ``absolute=True`` puts the base URL in front."""
        route = self._router.by_name(name)
        values = {**(parameters or {}), **params}
        _check_required(route, values)
        path = self._path(route, values)
        query = {key: value for key, value in values.items() if key not in _names(route)}
        if query:
            path += "?" + urlencode(query, doseq=True)
        return self._base_url + path if absolute else path

    url_for = route

    def _path(self, route: CompiledRoute, values: Mapping[str, Any]) -> str:
        path = ""
        for part in route.url_parts:
            if isinstance(part, str):
                path += part
            elif (value := values.get(part.name)) is not None:
                path += self._encode(route, part, value)
            else:
                # An absent optional parameter (the last segment) takes its slash with it.
                path = path.removesuffix("/")
        return path or "/"

    def _encode(self, route: CompiledRoute, part: ParamSpec, value: object) -> str:
        text = str(value)
        # Plain str/path patterns only say where a segment ends, which encoding takes care of.
        checked = part.name in route.wheres or part.type_name not in {"str", "path"}
        if checked and self._pattern(part).fullmatch(text) is None:
            raise RoutingError(
                f"Route {route.name!r} ({route.path}) needs {part.name!r} to match "
                f"{part.pattern!r}, got {text!r}. Pass a value the route would match."
            )
        return quote(text, safe="/" if part.type_name == "path" else "")

    def _pattern(self, part: ParamSpec) -> re.Pattern[str]:
        pattern = self._patterns.get(part.pattern)
        if pattern is None:
            pattern = self._patterns[part.pattern] = re.compile(part.pattern)
        return pattern


def _names(route: CompiledRoute) -> set[str]:
    return {spec.name for spec in route.params}


def _check_required(route: CompiledRoute, values: Mapping[str, Any]) -> None:
    missing = [s.name for s in route.params if not s.optional and values.get(s.name) is None]
    if missing:
        listed = ", ".join(repr(name) for name in missing)
        example = ", ".join(f"{name}=..." for name in missing)
        raise RoutingError(
            f"Route {route.name!r} ({route.path}) needs parameter(s) {listed} to build its URL. "
            f"Pass them: route({route.name!r}, {example})."
        )
