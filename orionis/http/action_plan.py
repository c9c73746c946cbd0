"""How a route action is called, planned once at boot for HTTP and WebSocket routes alike:
which route values it takes by name (converted to their annotated types), and either the
action itself, when the request supplies every parameter, or the container's compiled plan
that injects the rest."""

from __future__ import annotations

import inspect
import types
import typing
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from orionis.container import Container
from orionis.http.errors import HttpSetupError
from orionis.http.exceptions import NotFound
from orionis.routing import CompiledRoute

__all__ = [
    "argument_picker",
    "compiled_call",
    "invoker",
    "route_arguments",
    "takes_only",
    "unchanged",
]

# Annotations a route parameter is converted to when the route itself left it a string.
_CONVERTIBLE: dict[Any, Callable[[str], Any]] = {int: int, float: float, uuid.UUID: uuid.UUID}


def compiled_call(
    container: Container,
    target: Callable[..., Any],
    provided: tuple[str, ...],
    *,
    where: str,
    error: type[HttpSetupError] = HttpSetupError,
) -> Callable[..., Any]:
    """The container's plan calling ``target`` (a class builds an instance) with ``provided``
    passed by name and the rest injected; a parameter it cannot supply raises ``error``
    naming ``where`` (the route) at boot, not on the first request."""
    try:
        return container.compile_call(target, provided)
    except Exception as cause:
        raise error(f"{where} cannot be prepared: {cause}") from cause


def invoker(
    container: Container,
    target: Callable[..., Any],
    provided: tuple[str, ...],
    leading: tuple[str, ...],
    *,
    where: str,
    error: type[HttpSetupError] = HttpSetupError,
) -> Callable[..., Any]:
    """``target`` itself when the request supplies every parameter (``leading`` ones first,
    such as a method's ``self``): a compiled plan would only pass them on, one call deeper.
    Otherwise `compiled_call`."""
    if takes_only(target, provided, leading):
        return target
    return compiled_call(container, target, provided, where=where, error=error)


def takes_only(
    target: Callable[..., Any], names: tuple[str, ...], leading: tuple[str, ...]
) -> bool:
    """Whether ``target``'s parameters are exactly ``names``, all passable by keyword, and the
    ``leading`` ones (a method's ``self``) come first under those names."""
    parameters = list(inspect.signature(target).parameters.values())
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return (
        all(p.kind in kinds for p in parameters)
        and {p.name for p in parameters} == set(names)
        and tuple(p.name for p in parameters[: len(leading)]) == leading
    )


def route_arguments(
    route: CompiledRoute, function: Callable[..., Any]
) -> tuple[tuple[str, ...], dict[str, Callable[[str], Any]]]:
    """Route values the action takes by name, and converters for the ones still strings."""
    parameters = inspect.signature(function).parameters
    available = {spec.name: spec for spec in route.params}
    takes_all = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    names = tuple(
        name
        for name in (*available, *route.defaults)
        if (name in parameters or takes_all) and name != "self"
    )
    hints = typing.get_type_hints(function)
    converters = {
        name: convert
        for name in names
        if name in available
        and available[name].convert is None
        and (convert := _converter(hints.get(name))) is not None
    }
    return tuple(dict.fromkeys(names)), converters


def _converter(hint: Any) -> Callable[[str], Any] | None:
    """How a string becomes ``hint`` (``int``, ``float``, ``UUID``, or one of them ``| None``)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        # An optional parameter: ``year: int | None = None``.
        others = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        hint = others[0] if len(others) == 1 else None
    return _CONVERTIBLE.get(hint)


def argument_picker(
    route: CompiledRoute, names: tuple[str, ...], converters: dict[str, Callable[[str], Any]]
) -> Callable[[Mapping[str, Any]], Mapping[str, Any]]:
    """What a request passes the action from its route values: ``names`` only, converted with
    ``converters`` (a value they refuse is a 404); `unchanged` when that is all of them."""
    every = {spec.name for spec in route.params} | set(route.defaults)
    if not converters and set(names) == every:
        return unchanged
    if not converters:
        return lambda params: {name: params[name] for name in names if name in params}

    def converted(params: Mapping[str, Any]) -> Mapping[str, Any]:
        picked = {name: params[name] for name in names if name in params}
        for name, convert in converters.items():
            value = picked.get(name)
            if isinstance(value, str):
                try:
                    picked[name] = convert(value)
                except ValueError:
                    raise NotFound() from None
        return picked

    return converted


def unchanged(params: Mapping[str, Any]) -> Mapping[str, Any]:
    """The picker of an action that takes every route value as it is."""
    return params
