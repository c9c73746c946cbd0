"""The protocol-free HTTP kernel: request in, response out, the same for RSGI and ASGI."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from orionis.container import Container
from orionis.http.endpoints import Endpoint, guard
from orionis.http.exception_handler import ExceptionHandler
from orionis.http.exceptions import MethodNotAllowed, NotFound
from orionis.http.middleware.pipeline import terminable_of
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.routing import Router

__all__ = ["Kernel"]

_log = logging.getLogger("orionis")
_T = TypeVar("_T")


class Kernel:
    """Runs global middleware, matches the route and runs its prebuilt chain.

    Everything a request needs is prepared at boot by the HTTP service provider: the router,
    each route's chain (stored on ``route.handler``) and the global chain around dispatch.
    """

    def __init__(
        self,
        container: Container,
        router: Router,
        exceptions: ExceptionHandler,
        wrap_global: Callable[[Endpoint], Endpoint],
    ) -> None:
        self._container = container
        self._router = router
        self._exceptions = exceptions
        self._chain = wrap_global(guard(self._dispatch, exceptions))
        fallback = router.fallback
        self._fallback: Endpoint | None = fallback.handler if fallback is not None else None

    async def handle(self, request: Request) -> Response:
        """The response to ``request``; errors become responses through the handler."""
        try:
            await request.load()
            response = await self._chain(request)
        except Exception as error:
            response = await self._exceptions.handle(request, error)
        return response.prepare(request)

    async def serve(
        self,
        request: Request,
        send: Callable[[Response, _T], Awaitable[None]],
        target: _T,
    ) -> None:
        """Handle ``request`` in its own scope, send the response, then run terminators."""
        scope = self._container.scope()
        scope.instance(Request, request)
        async with scope:
            response = await self.handle(request)
            await send(response, target)
            await self.terminate(request, response)

    async def terminate(self, request: Request, response: Response) -> None:
        """Call ``terminate()`` of the request's terminable middleware; log their failures."""
        for middleware in terminable_of(request):
            try:
                result = middleware.terminate(request, response)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                _log.exception("%s.terminate() failed", type(middleware).__qualname__)

    async def _dispatch(self, request: Request) -> Response:
        match = self._router.match(request.method, request.path)
        if match is None:
            return await self._unmatched(request)
        route = match.route
        request.route = route
        request.route_params = match.params
        handler: Endpoint = route.handler
        return await handler(request)

    async def _unmatched(self, request: Request) -> Response:
        allowed = self._router.allowed_methods(request.path)
        if allowed and request.method == "OPTIONS":
            return Response(b"", status=204, headers={"Allow": ", ".join(allowed)})
        if allowed:
            raise MethodNotAllowed(allowed)
        if self._fallback is not None:
            return await self._fallback(request)
        raise NotFound()
