"""A custom exception handler, as an app's ``app/exceptions/handler.py`` would define it."""

from __future__ import annotations

from orionis.http import ExceptionHandler, PlainTextResponse, Request, Response
from tests.http.kernel.controllers import QuietError, TeapotError, events


class Handler(ExceptionHandler):
    dont_report = [QuietError]

    def report(self, error: BaseException) -> None:
        events.append(f"report:{type(error).__name__}")

    def render(self, request: Request, error: BaseException) -> Response | None:
        if isinstance(error, TeapotError):
            return PlainTextResponse(f"custom: {error}", status=418)
        return None


class AsyncHandler(ExceptionHandler):
    """Async hooks, as a handler that sends reports over the network would have."""

    async def report(self, error: BaseException) -> None:
        events.append(f"async report:{type(error).__name__}")

    async def render(self, request: Request, error: BaseException) -> Response | None:
        if isinstance(error, TeapotError):
            return PlainTextResponse("async custom", status=418)
        return None


class BrokenHandler(ExceptionHandler):
    """Hooks that fail: the default answer must still go out."""

    def report(self, error: BaseException) -> None:
        events.append("report")
        raise OSError("log server down")

    async def render(self, request: Request, error: BaseException) -> Response | None:
        raise LookupError("render bug")
