"""The shape of a middleware class."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol, runtime_checkable

from orionis.http.request import Request
from orionis.http.response import Response

__all__ = ["Middleware", "Next", "TerminableMiddleware"]

Next = Callable[[Request], Awaitable[Response]]


@runtime_checkable
class Middleware(Protocol):
    """``async def handle(self, request, next, *params) -> Response``.

    Call ``await next(request)`` to go further in; return a response to answer early.
    Parameters written after a colon in a middleware name (``"throttle:60,1"``) arrive as
    strings after ``next``.
    """

    async def handle(self, request: Request, next: Next, *params: Any) -> Response:
        """Handle the request, usually by awaiting ``next(request)``."""


@runtime_checkable
class TerminableMiddleware(Protocol):
    """A middleware with ``terminate(request, response)``, called after the response was sent."""

    def terminate(self, request: Request, response: Response) -> Any:
        """Do work that must not delay the response (sync or async)."""
