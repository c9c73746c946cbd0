"""The ``concurrency`` middleware: a cap on requests in flight, answered 503 at once when full.

``concurrency:100`` lets 100 requests of a route run at the same time in this worker process;
the next one gets 503 with ``Retry-After`` straight away instead of waiting in a queue that
an overloaded server never drains. In the global stack (``http.max_concurrent_requests`` in
``config/http.py`` puts it there) one cap covers every request. A second parameter names a
cap shared by every route that uses it (``concurrency:5,exports``).

The slot is held while the handler and the middleware inside this one run, and given back
on every exit: a response, an error, or the request's task being cancelled. A streamed body
is sent after that, outside the cap.
"""

from __future__ import annotations

import functools
from typing import ClassVar

from orionis.http.errors import MiddlewareError
from orionis.http.exceptions import HttpException
from orionis.http.middleware.contract import Next
from orionis.http.request import Request
from orionis.http.response import Response

__all__ = ["ConcurrencyGates", "Gate", "LimitConcurrency", "concurrency_plan"]

SERVER_GATE = "server"
"""The name of the cap ``http.max_concurrent_requests`` sets."""


class Gate:
    """The requests in flight through one cap."""

    __slots__ = ("active",)

    def __init__(self) -> None:
        self.active = 0


class ConcurrencyGates:
    """Every cap of this worker process, by name (or route); a singleton of the application."""

    def __init__(self) -> None:
        self._gates: dict[object, Gate] = {}

    def gate(self, key: object) -> Gate:
        """The gate of ``key`` (a name, a route, or None for the global stack's)."""
        gate = self._gates.get(key)
        if gate is None:
            gate = self._gates[key] = Gate()
        return gate

    def in_flight(self, key: object = SERVER_GATE) -> int:
        """Requests holding a slot of ``key``'s gate now."""
        gate = self._gates.get(key)
        return 0 if gate is None else gate.active


@functools.lru_cache(maxsize=256)
def concurrency_plan(params: tuple[str, ...]) -> tuple[int, str]:
    """``(maximum, name)`` of ``concurrency:<params>``; raises ``MiddlewareError``."""
    written = f"concurrency:{','.join(params)}"
    if not 1 <= len(params) <= 2:
        raise MiddlewareError(
            f"{written} needs the number of requests allowed at once, and optionally a name "
            "for a cap shared between routes: concurrency:100 or concurrency:5,exports."
        )
    try:
        maximum = int(params[0])
    except ValueError:
        maximum = 0
    if maximum < 1:
        raise MiddlewareError(
            f"{written}: {params[0]!r} is not a number of requests; write a whole number of "
            "1 or more, like concurrency:100."
        )
    return maximum, params[1] if len(params) == 2 else ""


class LimitConcurrency:
    """Middleware alias ``concurrency``. ``retry_after`` is the 503's ``Retry-After``."""

    retry_after: ClassVar[int] = 1

    def __init__(self, gates: ConcurrencyGates) -> None:
        self.gates = gates

    async def handle(self, request: Request, next: Next, *params: str) -> Response:
        """Run the request if a slot is free; 503 at once otherwise."""
        maximum, name = concurrency_plan(params)
        # Keyed by route where no name is given; the global stack runs before routing (None).
        gate = self.gates.gate(name or request.route)
        if gate.active >= maximum:
            raise HttpException(503, headers={"Retry-After": str(self.retry_after)})
        # No await between the check and the increment: no other request can slip in.
        gate.active += 1
        try:
            return await next(request)
        finally:
            gate.active -= 1
