"""Route actions turned, once at boot, into ``async (request) -> Response`` callables."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from orionis.container import Container
from orionis.http.action_plan import (
    argument_picker,
    compiled_call,
    invoker,
    route_arguments,
    unchanged,
)
from orionis.http.exception_handler import ExceptionHandler
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
        names, converters = route_arguments(route, function)
        invoke = invoker(self._container, function, names, (), where=_where(route))
        pick = argument_picker(route, names, converters)
        if not inspect.iscoroutinefunction(function):

            async def sync_endpoint(request: Request) -> Response:
                kwargs = pick(request.route_params)
                return respond(await asyncio.to_thread(invoke, **kwargs))

            return sync_endpoint
        return _async_function_endpoint(invoke, pick if names else None)

    def _method(self, route: CompiledRoute, cls: type, method: Callable[..., Any]) -> Endpoint:
        where = _where(route)
        build = compiled_call(self._container, cls, (), where=where)
        names, converters = route_arguments(route, method)
        invoke = invoker(self._container, method, ("self", *names), ("self",), where=where)
        pick = argument_picker(route, names, converters)
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


def _where(route: CompiledRoute) -> str:
    return f"Route {route.path!r} ({route.location})"


def _async_function_endpoint(
    invoke: Callable[..., Any], pick: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None
) -> Endpoint:
    """The endpoint of an async function; ``pick`` None: it takes no route values."""
    if pick is None:

        async def without_arguments(request: Request) -> Response:
            return respond(await invoke())

        return without_arguments
    if pick is unchanged:

        async def with_route_values(request: Request) -> Response:
            return respond(await invoke(**request.route_params))

        return with_route_values

    async def with_picked_values(request: Request) -> Response:
        return respond(await invoke(**pick(request.route_params)))

    return with_picked_values
