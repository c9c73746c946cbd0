"""The ``throttle`` middleware: ``throttle:60,1`` (60 requests a minute) or ``throttle:api``.

``throttle:MAX,MINUTES`` counts each client's requests to each route: the key is the route
and the client's IP address, or the user's id when an authentication middleware put a user
in ``request.state.user``. A third parameter names a bucket shared by every route that uses
it (``throttle:10,1,uploads``). ``throttle:NAME`` asks the limiter defined under NAME
(``RateLimiter.define``) for the request's limits and keys.

Every response carries ``X-RateLimit-Limit`` and ``X-RateLimit-Remaining``; a request over
the limit is answered 429 through the exception handler, with ``Retry-After`` (seconds) and
``X-RateLimit-Reset`` (Unix time) as well. A request refused by one limit is not counted by
the limits after it.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass

from orionis.http.errors import MiddlewareError
from orionis.http.exceptions import TooManyRequests
from orionis.http.middleware.contract import Next
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.ratelimit import Limit, RateLimiter, RateLimitError

__all__ = ["ThrottlePlan", "ThrottleRequests", "throttle_plan"]

_USAGE = (
    "Write throttle:MAX,MINUTES (throttle:60,1), throttle:MAX,MINUTES,BUCKET to share a "
    "counter between routes, or throttle:NAME for a limiter defined with "
    "RateLimiter.define(NAME, ...)."
)


@dataclass(frozen=True, slots=True)
class ThrottlePlan:
    """What the parameters of one ``throttle`` entry ask for, parsed once."""

    limit: Limit | None = None
    bucket: str = ""
    limiter: str | None = None


@functools.lru_cache(maxsize=256)
def throttle_plan(params: tuple[str, ...]) -> ThrottlePlan:
    """The plan of ``throttle:<params>``; raises ``MiddlewareError`` when they are wrong."""
    if len(params) == 1 and params[0] and not _is_number(params[0]):
        return ThrottlePlan(limiter=params[0])
    if len(params) > 3:
        raise MiddlewareError(f"throttle:{','.join(params)} has too many parameters. {_USAGE}")
    maximum, minutes, bucket = (*params, "", "", "")[:3] if params else ("60", "1", "")
    try:
        limit = Limit(int(maximum or "60"), float(minutes or "1") * 60.0)
    except (ValueError, OverflowError, RateLimitError) as error:
        raise MiddlewareError(
            f"throttle:{','.join(params)} is not valid: {error} {_USAGE}"
        ) from error
    return ThrottlePlan(limit=limit, bucket=bucket)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class ThrottleRequests:
    """Middleware alias ``throttle``."""

    def __init__(self, limiter: RateLimiter) -> None:
        self.limiter = limiter

    async def handle(self, request: Request, next: Next, *params: str) -> Response:
        """Count the request against its limits; 429 when one is used up."""
        plan = throttle_plan(params)
        if plan.limit is not None:
            bucket = plan.bucket or _route_id(request)
            keyed = [(plan.limit, f"throttle:{bucket}:{_signature(request)}")]
        else:
            name = plan.limiter or ""
            limits = await self.limiter.limits_for(name, request)
            keyed = [
                (limit, f"throttle:{name}{f'#{index}' if index else ''}:{limit.key}")
                for index, limit in enumerate(limits)
            ]
        if not keyed:
            return await next(request)
        tightest = await self._hit(keyed)
        response = await next(request)
        headers = response.headers
        headers["X-RateLimit-Limit"] = str(tightest[0])
        headers["X-RateLimit-Remaining"] = str(tightest[1])
        return response

    async def _hit(self, keyed: list[tuple[Limit, str]]) -> tuple[int, int]:
        """Count one hit per limit; (maximum, remaining) of the limit with the least left."""
        limiter = self.limiter
        tightest = (0, sys.maxsize)
        for limit, key in keyed:
            remaining = limit.max_attempts - await limiter.hit(key, limit.decay_seconds)
            if remaining < 0:
                raise await self._too_many(limit, key)
            if remaining < tightest[1]:
                tightest = (limit.max_attempts, remaining)
        return tightest

    async def _too_many(self, limit: Limit, key: str) -> TooManyRequests:
        retry_after = await self.limiter.available_in(key)
        headers = {
            "X-RateLimit-Limit": str(limit.max_attempts),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": str(int(self.limiter.now()) + retry_after),
        }
        return TooManyRequests(headers=headers, retry_after=retry_after)


def _route_id(request: Request) -> str:
    # Global middleware runs before routing: there, one counter covers every route.
    route = request.route
    if route is None:
        return "*"
    return f"{'|'.join(route.methods)} {route.path}"


def _signature(request: Request) -> str:
    if request.has_state():
        user = getattr(request.state, "user", None)
        user_id = getattr(user, "id", None)
        if user_id is not None:
            return f"user:{user_id}"
    return request.client or ""
