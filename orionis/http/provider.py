"""Binds the HTTP layer and prepares the kernel at boot: routes, chains, endpoints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from orionis.foundation.application import Application
from orionis.foundation.provider import ServiceProvider
from orionis.http.body import BodyLimits
from orionis.http.bridge import HttpBridge
from orionis.http.endpoints import Endpoint, EndpointBuilder, guard
from orionis.http.errors import HttpSetupError, MiddlewareError
from orionis.http.exception_handler import ExceptionHandler
from orionis.http.kernel import Kernel
from orionis.http.middleware import MiddlewareResolver, MiddlewareSpec, Pipeline
from orionis.http.request import Request
from orionis.http.websocket.kernel import WebSocketKernel
from orionis.http.websocket.preparation import WebSocketSettings, prepare_websockets
from orionis.http.websocket.websocket import WebSocket
from orionis.routing import (
    CompiledRoute,
    Route,
    RouteCollection,
    Router,
    UrlGenerator,
    load_routes,
)
from orionis.support.errors import OrionisError

__all__ = ["HttpServiceProvider"]


async def _health() -> dict[str, str]:
    return {"status": "up"}


class HttpServiceProvider(ServiceProvider):
    """Makes the Application an RSGI/ASGI app and compiles everything a request needs at boot."""

    def register(self) -> None:
        self.bridge = HttpBridge(self.app)
        self.app.use_server_bridge(self.bridge)
        self.app.scoped_value(Request)
        self.app.scoped_value(WebSocket)
        self.app.booted(self._prepare)

    def _prepare(self) -> None:
        app = self.app
        router = self._routes(app).compile()
        app.instance(Router, router)
        app.instance(UrlGenerator, UrlGenerator(router, str(app.config.get("app.url", ""))))
        handler_class = app.http.exception_handler or ExceptionHandler
        exceptions: ExceptionHandler = app.make(handler_class)
        app.instance(ExceptionHandler, exceptions)
        resolver = self._resolver(app)
        pipeline = Pipeline(app)
        endpoints = EndpointBuilder(app)
        fallback = () if router.fallback is None else (router.fallback,)
        terminable = False
        http_routes = [route for route in router.routes if not route.websocket]
        body_limits = _body_limits(app)
        for route in http_routes:
            if route.max_body_size is not None:
                route.body_limits = replace(body_limits, max_body_size=route.max_body_size)
        for route in (*http_routes, *fallback):
            specs = _resolve(resolver, route.middleware, route.without_middleware, route)
            route.handler = _chain(pipeline, specs, endpoints.build(route), exceptions)
            terminable = terminable or any(spec.terminable for spec in specs)
        global_specs = _resolve(resolver, self._global_stack(app), app.http.remove, None)

        def wrap_global(endpoint: Endpoint) -> Endpoint:
            return pipeline.build(global_specs, endpoint)

        terminable = terminable or any(spec.terminable for spec in global_specs)
        kernel = Kernel(
            app,
            router,
            exceptions,
            wrap_global if global_specs else None,
            terminable=terminable,
            route_body_limits=any(route.body_limits is not None for route in http_routes),
        )
        app.instance(Kernel, kernel)
        websockets = prepare_websockets(
            app,
            router,
            resolver,
            exceptions,
            WebSocketSettings.from_config(app.config),
            str(app.config.get("app.url", "")),
        )
        app.instance(WebSocketKernel, websockets)
        self.bridge.attach(
            kernel,
            body_limits,
            websockets,
            cancel_on_disconnect=bool(app.config.get("http.cancel_on_disconnect")),
        )

    def _routes(self, app: Application) -> RouteCollection:
        collection = RouteCollection()
        settings = app.http
        if settings.health:
            with Route.collecting(collection):
                Route.get(settings.health, _health).name("health")
        for file in settings.web:
            _load(collection, app.base_path(file), middleware=["web"])
        for file in settings.api:
            _load(collection, app.base_path(file), prefix=settings.api_prefix, middleware=["api"])
        return collection

    def _resolver(self, app: Application) -> MiddlewareResolver:
        config = app.config
        groups: dict[str, list[Any]] = dict(config.get("http.middleware_groups", {}))
        groups.update(app.http.groups)
        aliases: dict[str, Any] = dict(config.get("http.middleware_aliases", {}))
        aliases.update(app.http.aliases)
        priority = app.http.priority
        if priority is None:
            priority = list(config.get("http.middleware_priority", []))
        return MiddlewareResolver(aliases=aliases, groups=groups, priority=priority)

    def _global_stack(self, app: Application) -> list[Any]:
        configured: list[Any] = list(app.config.get("http.middleware", []))
        return [*app.http.prepend, *configured, *app.http.append]


def _body_limits(app: Application) -> BodyLimits:
    """The body limits of config/http.py, shared by every request of the worker."""
    get = app.config.get
    return BodyLimits(
        max_body_size=int(get("http.max_body_size")),
        read_timeout=float(get("http.body_read_timeout")),
        max_form_parts=int(get("http.max_form_parts")),
        max_form_files=int(get("http.max_form_files")),
        max_form_field_size=int(get("http.max_form_field_size")),
        max_form_pairs=int(get("http.max_form_pairs")),
    )


def _chain(
    pipeline: Pipeline,
    specs: list[MiddlewareSpec],
    endpoint: Endpoint,
    exceptions: ExceptionHandler,
) -> Endpoint:
    """A route's handler: its middleware around the guarded endpoint, or the bare endpoint.

    The guard exists so middleware sees errors as responses; without route middleware the
    error reaches the kernel, which renders it the same way, one coroutine fewer per request.
    """
    if not specs:
        return endpoint
    return pipeline.build(specs, guard(endpoint, exceptions))


def _load(collection: RouteCollection, path: Path, **group: Any) -> None:
    """Run one route file; an error of its own code names the file."""
    try:
        load_routes(collection, path, **group)
    except OrionisError:
        raise  # routing errors already name the file and line
    except Exception as error:
        raise HttpSetupError(
            f"Route file {path} failed while loading: {type(error).__name__}: {error}. "
            "Fix the file (the traceback above shows the line)."
        ) from error


def _resolve(
    resolver: MiddlewareResolver,
    entries: Iterable[Any],
    without: Iterable[Any],
    route: CompiledRoute | None,
) -> list[MiddlewareSpec]:
    """The chain of one route (or of the global stack), its errors saying where they come from."""
    where = (
        f"Route {route.path!r} ({route.location})"
        if route is not None
        else "The global middleware stack (config/http.py middleware, app.with_middleware())"
    )
    try:
        specs = resolver.resolve(entries, without)
    except MiddlewareError as error:
        raise MiddlewareError(f"{where}: {error}") from error
    for spec in specs:
        if not callable(getattr(spec.cls, "handle", None)):
            raise MiddlewareError(
                f"{where}: middleware {spec.cls.__qualname__} has only handle_websocket(), so "
                "it cannot run on HTTP requests. Add an async handle(self, request, next) "
                "method, or use it on WebSocket routes only."
            )
    return specs
