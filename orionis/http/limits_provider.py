"""Wires the ``throttle`` and ``concurrency`` middleware, the ``RateLimiter`` and the
server-wide cap on requests in flight (``http.max_concurrent_requests``)."""

from __future__ import annotations

from typing import Any

from orionis.cache import CacheManager
from orionis.foundation.provider import ServiceProvider
from orionis.http.errors import MiddlewareError
from orionis.http.middleware.concurrency import (
    SERVER_GATE,
    ConcurrencyGates,
    LimitConcurrency,
    concurrency_plan,
)
from orionis.http.middleware.resolver import MiddlewareResolver, MiddlewareSpec
from orionis.http.middleware.throttle import ThrottleRequests, throttle_plan
from orionis.ratelimit import RateLimiter, RateLimitError
from orionis.routing import Router

__all__ = ["LIMIT_MIDDLEWARE", "RequestLimitsServiceProvider"]

LIMIT_MIDDLEWARE: dict[str, type] = {
    "throttle": ThrottleRequests,
    "concurrency": LimitConcurrency,
}
"""The aliases this provider adds; ``config/http.py`` aliases of the same name win."""


def _rate_limiter(manager: CacheManager) -> RateLimiter:
    # The store is built on the limiter's first hit, not at boot, so that a test can swap the
    # Clock binding after defining named limiters.
    return RateLimiter(manager.store)


class RequestLimitsServiceProvider(ServiceProvider):
    """Binds ``RateLimiter`` and ``ConcurrencyGates``; checks every ``throttle`` and
    ``concurrency`` entry of the routes at boot, named limiters included."""

    def register(self) -> None:
        app = self.app
        configured = app.config.get("http.middleware_aliases", {}) or {}
        aliases = {name: cls for name, cls in LIMIT_MIDDLEWARE.items() if name not in configured}
        cap = int(app.config.get("http.max_concurrent_requests", 0) or 0)
        prepend = [f"concurrency:{cap},{SERVER_GATE}"] if cap > 0 else []
        app.with_middleware(aliases=aliases, prepend=prepend)
        app.singleton(RateLimiter, _rate_limiter)
        app.singleton(ConcurrencyGates, ConcurrencyGates)
        app.booted(self._check)

    def _check(self) -> None:
        app = self.app
        limiter: RateLimiter = app.make(RateLimiter)
        resolver = self._resolver()
        router: Router = app.make(Router)
        fallback = () if router.fallback is None else (router.fallback,)
        stacks: list[tuple[str, list[MiddlewareSpec]]] = [
            ("The global middleware stack", resolver.resolve(self._global_stack(), ()))
        ]
        for route in (*router.routes, *fallback):
            if not route.websocket:
                where = f"Route {route.path!r} ({route.location})"
                stacks.append((where, resolver.resolve(route.middleware, route.without_middleware)))
        for where, specs in stacks:
            for spec in specs:
                try:
                    _check_spec(spec, limiter)
                except (MiddlewareError, RateLimitError) as error:
                    raise type(error)(f"{where}: {error}") from error

    def _resolver(self) -> MiddlewareResolver:
        app = self.app
        groups: dict[str, list[Any]] = dict(app.config.get("http.middleware_groups", {}))
        groups.update(app.http.groups)
        aliases: dict[str, Any] = dict(app.config.get("http.middleware_aliases", {}))
        aliases.update(app.http.aliases)
        return MiddlewareResolver(aliases=aliases, groups=groups)

    def _global_stack(self) -> list[Any]:
        http = self.app.http
        return [*http.prepend, *self.app.config.get("http.middleware", []), *http.append]


def _check_spec(spec: MiddlewareSpec, limiter: RateLimiter) -> None:
    if issubclass(spec.cls, ThrottleRequests):
        plan = throttle_plan(spec.params)
        if plan.limiter is not None and limiter.limiter(plan.limiter) is None:
            raise limiter.undefined(plan.limiter)
    elif issubclass(spec.cls, LimitConcurrency):
        concurrency_plan(spec.params)
