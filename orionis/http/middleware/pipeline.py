"""Prebuilt middleware chains: one closure per link, built once per route at boot."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from orionis.container import Container
from orionis.http.middleware.resolver import MiddlewareSpec
from orionis.http.request import Request
from orionis.http.response import Response

__all__ = ["Handler", "Pipeline"]

Handler = Callable[[Request], Awaitable[Response]]

# Where a request keeps the middleware instances that want terminate() after the response.
TERMINABLE_STATE = "_orionis_terminable"


class Pipeline:
    """Wraps an endpoint in middleware, outermost first, with the container building each one."""

    def __init__(self, container: Container) -> None:
        self._container = container

    def build(self, specs: Sequence[MiddlewareSpec], endpoint: Handler) -> Handler:
        """The chain ``specs[0](specs[1](…endpoint))`` as a single callable."""
        handler = endpoint
        for spec in reversed(specs):
            handler = self._link(spec, handler)
        return handler

    def _link(self, spec: MiddlewareSpec, following: Handler) -> Handler:
        make = self._container.compile_call(spec.cls)
        params = spec.params
        if spec.terminable:

            async def terminable_link(request: Request) -> Response:
                middleware = make()
                _remember(request, middleware)
                response: Response = await middleware.handle(request, following, *params)
                return response

            return terminable_link

        async def link(request: Request) -> Response:
            response: Response = await make().handle(request, following, *params)
            return response

        return link


def _remember(request: Request, middleware: Any) -> None:
    pending: list[Any] | None = getattr(request.state, TERMINABLE_STATE, None)
    if pending is None:
        pending = []
        setattr(request.state, TERMINABLE_STATE, pending)
    pending.append(middleware)


def terminable_of(request: Request) -> list[Any]:
    """Middleware instances of this request that have ``terminate()``, outermost first."""
    if not request.has_state():
        return []
    pending: list[Any] = getattr(request.state, TERMINABLE_STATE, [])
    return pending
