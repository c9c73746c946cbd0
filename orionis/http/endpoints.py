"""Route actions turned, once at boot, into ``async (request) -> Response`` callables."""

from __future__ import annotations

import asyncio
import inspect
import types
import typing
import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from orionis.container import Container
from orionis.http.errors import HttpSetupError
from orionis.http.exception_handler import ExceptionHandler
from orionis.http.exceptions import NotFound
from orionis.http.request import Request
from orionis.http.response import (
    HtmlResponse,
    JsonResponse,
    RedirectResponse,
    Response,
    to_response,
)
from orionis.http.streaming import StreamingResponse
from orionis.routing import CompiledRoute, RedirectAction, ViewAction
from orionis.view import View, ViewFactory

__all__ = ["Endpoint", "EndpointBuilder", "guard", "respond"]

Endpoint = Callable[[Request], Awaitable[Response]]

# Annotations a route parameter is converted to when the route itself left it a string.
_CONVERTIBLE: dict[Any, Callable[[str], Any]] = {int: int, float: float, uuid.UUID: uuid.UUID}


def respond(result: Any) -> Response:
    """What a handler returned, as a response (views are rendered here)."""
    if isinstance(result, Response):
        return result
    if type(result) is dict:  # the usual JSON answer: straight to JsonResponse, not to_response
        return JsonResponse(result)
    if isinstance(result, View):
        return _view_response(result)
    return to_response(result)


def _view_response(view: View) -> Response:
    # A template measured slow is generated in a worker thread (StreamingResponse iterates sync
    # iterators there), so a long page never stalls the event loop.
    if view.factory.is_slow(view.name):
        return StreamingResponse(view.chunks(), media_type="text/html; charset=utf-8")
    return HtmlResponse(view.render())


def guard(endpoint: Endpoint, exceptions: ExceptionHandler) -> Endpoint:
    """``endpoint`` with its errors turned into responses, so middleware around it sees them."""

    async def guarded(request: Request) -> Response:
        try:
            return await endpoint(request)
        except Exception as error:
            return await exceptions.handle(request, error)

    return guarded


class EndpointBuilder:
    """Builds the endpoint of each route with the container: no reflection per request."""

    def __init__(self, container: Container) -> None:
        self._container = container

    def build(self, route: CompiledRoute) -> Endpoint:
        """The endpoint running ``route.action``."""
        action = route.action
        if isinstance(action, ViewAction):
            return self._view(action)
        if isinstance(action, RedirectAction):
            return self._redirect(action)
        if isinstance(action, tuple):
            controller, method = action
            return self._method(route, controller, getattr(controller, method))
        if inspect.isclass(action):
            return self._method(route, action, action.__call__)
        return self._function(route, action)

    def _view(self, action: ViewAction) -> Endpoint:
        factory = self._container.make(ViewFactory)
        template, data = action.template, action.data

        async def view_endpoint(request: Request) -> Response:
            return HtmlResponse(factory.make(template, {**data, **request.route_params}).render())

        return view_endpoint

    def _redirect(self, action: RedirectAction) -> Endpoint:
        to, status = action.to, action.status

        async def redirect_endpoint(request: Request) -> Response:
            return RedirectResponse(to, status=status)

        return redirect_endpoint

    def _function(self, route: CompiledRoute, function: Callable[..., Any]) -> Endpoint:
        names, converters = _route_arguments(route, function)
        invoke = self._invoker(route, function, names, ())
        pick = _argument_picker(route, names, converters)
        if not inspect.iscoroutinefunction(function):

            async def sync_endpoint(request: Request) -> Response:
                kwargs = pick(request.route_params)
                return respond(await asyncio.to_thread(invoke, **kwargs))

            return sync_endpoint
        return _async_function_endpoint(invoke, pick if names else None)

    def _method(self, route: CompiledRoute, cls: type, method: Callable[..., Any]) -> Endpoint:
        build = self._compile(route, cls, ())
        names, converters = _route_arguments(route, method)
        invoke = self._invoker(route, method, names, ("self",))
        pick = _argument_picker(route, names, converters)
        if not inspect.iscoroutinefunction(method):

            async def sync_endpoint(request: Request) -> Response:
                kwargs = pick(request.route_params)
                return respond(await asyncio.to_thread(invoke, self=build(), **kwargs))

            return sync_endpoint
        if not names:

            async def async_endpoint(request: Request) -> Response:
                return respond(await invoke(self=build()))

            return async_endpoint

        async def async_endpoint_with_arguments(request: Request) -> Response:
            return respond(await invoke(self=build(), **pick(request.route_params)))

        return async_endpoint_with_arguments

    def _invoker(
        self,
        route: CompiledRoute,
        target: Callable[..., Any],
        names: tuple[str, ...],
        leading: tuple[str, ...],
    ) -> Callable[..., Any]:
        """``target`` itself when the request supplies every parameter (``leading`` ones, then
        route values by name): a compiled plan would only pass them on, one call deeper."""
        if _takes_only(target, (*leading, *names), leading):
            return target
        return self._compile(route, target, (*leading, *names))

    def _compile(
        self, route: CompiledRoute, target: Callable[..., Any], provided: tuple[str, ...]
    ) -> Callable[..., Any]:
        try:
            return self._container.compile_call(target, provided)
        except Exception as error:
            raise HttpSetupError(
                f"Route {route.path!r} ({route.location}) cannot be prepared: {error}"
            ) from error


def _async_function_endpoint(
    invoke: Callable[..., Any], pick: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None
) -> Endpoint:
    """The endpoint of an async function; ``pick`` None: it takes no route values."""
    if pick is None:

        async def without_arguments(request: Request) -> Response:
            return respond(await invoke())

        return without_arguments
    if pick is _unchanged:

        async def with_route_values(request: Request) -> Response:
            return respond(await invoke(**request.route_params))

        return with_route_values

    async def with_picked_values(request: Request) -> Response:
        return respond(await invoke(**pick(request.route_params)))

    return with_picked_values


def _takes_only(
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


def _route_arguments(
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


def _argument_picker(
    route: CompiledRoute, names: tuple[str, ...], converters: dict[str, Callable[[str], Any]]
) -> Callable[[Mapping[str, Any]], Mapping[str, Any]]:
    every = {spec.name for spec in route.params} | set(route.defaults)
    if not converters and set(names) == every:
        return _unchanged
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


def _unchanged(params: Mapping[str, Any]) -> Mapping[str, Any]:
    return params
