"""Middleware classes the kernel tests' config and route files name."""

from __future__ import annotations

from typing import Any

from orionis.http import PlainTextResponse, Request, Response
from orionis.http.middleware import Next
from tests.http.kernel.controllers import Connection, Greeter, RequestCounter, events


class _Trace:
    """Logs entry and exit in ``events`` and adds its name to the ``x-trace`` header."""

    name = ""

    async def handle(self, request: Request, next: Next) -> Response:
        events.append(f"{self.name}:in")
        response = await next(request)
        events.append(f"{self.name}:out")
        response.headers.add("x-trace", self.name)
        return response


class First(_Trace):
    name = "first"


class Second(_Trace):
    name = "second"


class Third(_Trace):
    name = "third"


class WebMarker(_Trace):
    name = "web"


class ApiMarker(_Trace):
    name = "api"


class Tag:
    """``"tag:a,b"``: the parameters arrive after ``next``."""

    async def handle(self, request: Request, next: Next, *params: str) -> Response:
        response = await next(request)
        response.headers.add("x-tag", "|".join(params))
        return response


class Greeting:
    """Constructor-injected like a controller."""

    def __init__(self, greeter: Greeter) -> None:
        self.greeter = greeter

    async def handle(self, request: Request, next: Next) -> Response:
        response = await next(request)
        response.headers["x-greeting"] = self.greeter.greet("middleware")
        return response


class Block:
    """Answers itself; the action never runs."""

    async def handle(self, request: Request, next: Next) -> Response:
        return PlainTextResponse("blocked", status=403)


class SeeStatus:
    """Sees whatever response comes back, error responses included."""

    async def handle(self, request: Request, next: Next) -> Response:
        response = await next(request)
        response.headers["x-seen-status"] = str(response.status_code)
        return response


class CounterProbe:
    """Puts the serial of this request's scoped counter in ``request.state``."""

    def __init__(self, counter: RequestCounter) -> None:
        self.counter = counter

    async def handle(self, request: Request, next: Next) -> Response:
        request.state.counter_serial = self.counter.serial
        return await next(request)


class AfterResponse:
    """Terminable: ``terminate`` logs once the response went out."""

    async def handle(self, request: Request, next: Next) -> Response:
        events.append("handle")
        return await next(request)

    async def terminate(self, request: Request, response: Response) -> None:
        events.append(f"terminate:{response.status_code}")


class SyncAfterResponse:
    """Terminable with a sync ``terminate``."""

    async def handle(self, request: Request, next: Next) -> Response:
        return await next(request)

    def terminate(self, request: Request, response: Any) -> None:
        events.append("sync terminate")


class Explode:
    """Fails itself, outside any route."""

    async def handle(self, request: Request, next: Next) -> Response:
        raise RuntimeError("middleware exploded")


class NeedsConnection:
    """Resolves the scoped connection, so the scope has a teardown to run."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    async def handle(self, request: Request, next: Next) -> Response:
        return await next(request)


class FailingTerminate:
    """``terminate`` fails; the next terminator must still run."""

    async def handle(self, request: Request, next: Next) -> Response:
        return await next(request)

    def terminate(self, request: Request, response: Response) -> None:
        raise RuntimeError("terminate failed")
