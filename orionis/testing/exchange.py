"""What the server side did during one test request: exceptions handled, views rendered.

The test client opens an `Exchange` for each request in a context variable; the application's
exception handler and view factory, instrumented before boot by `instrument()`, write to it.
Concurrent requests (``asyncio.gather``) each see their own exchange.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, cast

from orionis.foundation.application import Application
from orionis.http.exception_handler import ExceptionHandler
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.view.factory import ViewFactory

__all__ = ["Exchange", "RenderedView", "instrument", "is_instrumented", "recording"]


@dataclass(frozen=True, slots=True)
class RenderedView:
    """A template the request rendered, with the data it was given."""

    name: str
    data: Mapping[str, Any]


@dataclass(slots=True)
class Exchange:
    """One request's server-side record, and whether its exceptions reach the test."""

    rethrow: bool = False
    handled_anyway: tuple[type[BaseException], ...] = ()
    exceptions: list[BaseException] = field(default_factory=list)
    views: list[RenderedView] = field(default_factory=list)

    def record(self, error: BaseException) -> None:
        """Remember ``error`` once (middleware guards and the kernel may both see it)."""
        if not any(seen is error for seen in self.exceptions):
            self.exceptions.append(error)

    def rethrows(self, error: BaseException) -> bool:
        """True when ``error`` must propagate to the test instead of becoming a response."""
        return self.rethrow and not isinstance(error, self.handled_anyway)


_current: ContextVar[Exchange | None] = ContextVar("orionis_testing_exchange", default=None)


@contextmanager
def recording(exchange: Exchange) -> Iterator[Exchange]:
    """Make ``exchange`` the record of the requests run inside the block."""
    token = _current.set(exchange)
    try:
        yield exchange
    finally:
        _current.reset(token)


class _RecordingHandler(ExceptionHandler):
    """Mixed in front of the application's handler: records, and re-raises when asked."""

    async def handle(self, request: Request, error: BaseException) -> Response:
        exchange = _current.get()
        if exchange is not None:
            exchange.record(error)
            if exchange.rethrows(error):
                raise error
        return await super().handle(request, error)

    async def report_error(self, error: BaseException) -> None:
        # What a WebSocket connection's failures go through (HTTP ones come through handle).
        exchange = _current.get()
        if exchange is not None:
            exchange.record(error)
            if exchange.rethrows(error):
                raise error
        await super().report_error(error)


def is_instrumented(app: Application) -> bool:
    """True when ``instrument(app)`` ran: exceptions and views of its requests are recorded."""
    handler = app.http.exception_handler
    return isinstance(handler, type) and issubclass(handler, _RecordingHandler)


def instrument(app: Application) -> None:
    """Before boot: record what each test request's exception handler and views did.

    The application keeps its own handler class: a subclass of it is registered with
    ``app.with_exceptions()``, so the handler the kernel holds from boot is the recording one.
    """
    if is_instrumented(app):
        return
    handler = app.http.exception_handler or ExceptionHandler
    recording_class = type(
        f"Recording{handler.__name__}",
        (_RecordingHandler, handler),
        {"__module__": handler.__module__, "__doc__": handler.__doc__},
    )
    app.with_exceptions(cast(type[ExceptionHandler], recording_class))
    app.booted(lambda: _listen_to_views(app))


def _listen_to_views(app: Application) -> None:
    if app.bound(ViewFactory):
        factory: ViewFactory = app.make(ViewFactory)
        factory.rendering(_record_view)


def _record_view(name: str, data: Mapping[str, Any]) -> None:
    exchange = _current.get()
    if exchange is not None:
        exchange.views.append(RenderedView(name, dict(data)))
