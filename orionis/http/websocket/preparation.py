"""What WebSocket connections need, prepared at boot next to the HTTP routes: each route's
chain (route middleware around its endpoint), the global chain (origin check first, then
``websockets.middleware``), the settings of ``config/websockets.py`` and the kernel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from orionis.config import Repository
from orionis.container import Container
from orionis.http.errors import MiddlewareError
from orionis.http.exception_handler import ExceptionHandler
from orionis.http.middleware.resolver import MiddlewareResolver, MiddlewareSpec
from orionis.http.websocket.endpoints import WebSocketEndpointBuilder
from orionis.http.websocket.errors import WebSocketSetupError
from orionis.http.websocket.kernel import WebSocketKernel
from orionis.http.websocket.middleware import (
    OriginPolicy,
    VerifyOrigin,
    WebSocketHandler,
    WebSocketPipeline,
    websocket_chain,
)
from orionis.http.websocket.websocket import WebSocket, WebSocketLimits
from orionis.routing import Router

__all__ = ["WebSocketSettings", "prepare_websockets"]

_CONFIG = "config/websockets.py"


@dataclass(frozen=True, slots=True)
class WebSocketSettings:
    """The ``websockets`` config section, checked."""

    middleware: tuple[Any, ...] = ()
    allowed_origins: tuple[str, ...] = ()
    limits: WebSocketLimits = field(default_factory=WebSocketLimits)
    max_connections: int = 1000

    @classmethod
    def from_config(cls, config: Repository) -> WebSocketSettings:
        """Read ``websockets.*``; a negative limit stops boot naming the key."""
        numbers = {
            key: config.get(f"websockets.{key}")
            for key in ("max_message_size", "idle_timeout", "max_connections")
        }
        for key, value in numbers.items():
            if value < 0:
                raise WebSocketSetupError(
                    f"{_CONFIG}: {key!r} is {value!r}; it must be 0 (no limit) or more."
                )
        return cls(
            middleware=tuple(config.get("websockets.middleware", [])),
            allowed_origins=tuple(config.get("websockets.allowed_origins", [])),
            limits=WebSocketLimits(
                int(numbers["max_message_size"]), float(numbers["idle_timeout"])
            ),
            max_connections=int(numbers["max_connections"]),
        )


def prepare_websockets(
    container: Container,
    router: Router,
    resolver: MiddlewareResolver,
    exceptions: ExceptionHandler,
    settings: WebSocketSettings,
    app_url: str = "",
) -> WebSocketKernel:
    """Build every WebSocket route's chain (stored on ``route.handler``) and the kernel."""
    container.instance(OriginPolicy, OriginPolicy(settings.allowed_origins, app_url))
    pipeline = WebSocketPipeline(container)
    endpoints = WebSocketEndpointBuilder(container)
    for route in router.websockets:
        where = f"WebSocket route {route.path!r} ({route.location})"
        specs = _resolve(resolver, route.middleware, route.without_middleware, where)
        fix = "leave it out of this route with `.without_middleware({name})`"
        route.handler = pipeline.build(websocket_chain(specs, where, fix), endpoints.build(route))
    where = f"The WebSocket middleware of {_CONFIG}"
    specs = _resolve(resolver, settings.middleware, (), where)
    fix = f"remove it from `middleware` in {_CONFIG}"
    chain = [MiddlewareSpec(VerifyOrigin), *websocket_chain(specs, where, fix)]
    return WebSocketKernel(
        container,
        router,
        exceptions,
        pipeline.build(chain, _dispatch),
        limits=settings.limits,
        max_connections=settings.max_connections,
    )


async def _dispatch(websocket: WebSocket) -> None:
    """Run the matched route's chain (the kernel noted the route on the request)."""
    handler: WebSocketHandler = websocket.request.route.handler
    await handler(websocket)


def _resolve(
    resolver: MiddlewareResolver, entries: Iterable[Any], without: Iterable[Any], where: str
) -> list[MiddlewareSpec]:
    try:
        return resolver.resolve(entries, without)
    except MiddlewareError as error:
        raise MiddlewareError(f"{where}: {error}") from error
