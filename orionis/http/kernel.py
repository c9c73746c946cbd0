"""The protocol-free HTTP kernel: request in, response out, the same for RSGI and ASGI."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from orionis.container import Container
from orionis.container.scope import SupplyingScopes
from orionis.http.endpoints import Endpoint, guard
from orionis.http.exception_handler import ExceptionHandler
from orionis.http.exceptions import MethodNotAllowed, NotFound
from orionis.http.method_spoofing import spoof_method
from orionis.http.middleware.pipeline import terminable_of
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.http.websocket.errors import UpgradeRequired
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
        wrap_global: Callable[[Endpoint], Endpoint] | None = None,
        *,
        terminable: bool = True,
        route_body_limits: bool = False,
    ) -> None:
        """``wrap_global`` wraps dispatch in the global middleware (None: there is none);
        ``terminable``: whether any chain holds a middleware with ``terminate()``;
        ``route_body_limits``: whether any route has its own ``max_body_size``."""
        self._container = container
        self._router = router
        self._exceptions = exceptions
        # The guard turns dispatch errors into responses for global middleware to see. With no
        # global middleware there is no chain: handle() finds the route's handler and awaits
        # it, and its own except renders errors, two coroutines fewer per request.
        self._chain: Endpoint | None = (
            None if wrap_global is None else wrap_global(guard(self._dispatch, exceptions))
        )
        self._terminable = terminable
        self._route_body_limits = route_body_limits
        self._scopes = SupplyingScopes(container.scope, Request)
        fallback = router.fallback
        self._fallback: Endpoint | None = fallback.handler if fallback is not None else None

    async def handle(self, request: Request) -> Response:
        """The response to ``request``; errors become responses through the handler."""
        try:
            # Without a Content-Type there is nothing for load() to parse: no coroutine for it.
            if request.content_type is not None:
                if self._route_body_limits:
                    self._use_route_body_limits(request)
                await request.load()
                if request.method == "POST":
                    await spoof_method(request)  # before routing: `_method` picks the route
            chain = self._chain
            if chain is None:
                response = await self._find(request)(request)
            else:
                response = await chain(request)
        except Exception as error:
            response = await self._exceptions.handle(request, error)
        return response.prepare(request)

    async def serve(
        self,
        request: Request,
        send: Callable[[Response, _T], Awaitable[None] | None],
        target: _T,
    ) -> None:
        """Handle ``request`` in its own scope, send the response, then run terminators.

        ``send(response, target)`` writes the response; it returns None when it is done
        already (a body in memory), or what to await (a file, a stream).
        """
        opened = self._scopes.open(request)
        if opened is None:  # scoped bindings with async factories: awaited as the scope opens
            scope = self._container.scope()
            scope.instance(Request, request)
            async with scope:
                await self._respond(request, send, target)
            return
        try:
            # _respond's body, inline: a coroutine fewer on every request (~0.2 µs, measured).
            response = await self.handle(request)
            pending = send(response, target)
            if pending is not None:
                await pending
            if self._terminable:  # decided at boot: no chain has a terminable middleware
                await self.terminate(request, response)
        finally:
            self._scopes.close(opened)

    async def _respond(
        self,
        request: Request,
        send: Callable[[Response, _T], Awaitable[None] | None],
        target: _T,
    ) -> None:
        response = await self.handle(request)
        pending = send(response, target)
        if pending is not None:
            await pending
        if self._terminable:
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
        return await self._find(request)(request)

    def _find(self, request: Request) -> Endpoint:
        """The handler of the route ``request`` matches (noted on the request), or the answer
        for a path no route matches."""
        found = self._router.find(request.method, request.path)
        if found is None:
            return self._unmatched
        route, request.route_params = found
        request.route = route
        if route.body_limits is not None:  # a body the handler streams: the route's limit
            request.body_limits = route.body_limits
        handler: Endpoint = route.handler
        return handler

    def _use_route_body_limits(self, request: Request) -> None:
        """Read the body within its route's own limits: load() runs before routing (a form's
        `_method` picks the route), so the route is looked up once more here. A spoofed
        method's body is read within the limits of the POST route at that path, if any."""
        found = self._router.find(request.method, request.path)
        if found is not None and found[0].body_limits is not None:
            request.body_limits = found[0].body_limits

    async def _unmatched(self, request: Request) -> Response:
        allowed = self._router.allowed_methods(request.path)
        if allowed and request.method == "OPTIONS":
            return Response(b"", status=204, headers={"Allow": ", ".join(allowed)})
        if allowed:
            raise MethodNotAllowed(allowed)
        if self._router.find_websocket(request.path) is not None:
            raise UpgradeRequired(request.http_version)
        if self._fallback is not None:
            return await self._fallback(request)
        raise NotFound()
