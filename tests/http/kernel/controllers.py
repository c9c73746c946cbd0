"""Controllers, actions and services the kernel tests' route files point at."""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orionis import abort, redirect, view
from orionis.http import (
    FileResponse,
    PlainTextResponse,
    Request,
    Response,
    StreamingResponse,
)
from orionis.view import View

events: list[str] = []
"""What happened, in order; cleared before and after every test."""


class Greeter:
    """A plain service the container autowires."""

    def greet(self, name: str) -> str:
        return f"Hello, {name}"


class RequestCounter:
    """Bound as scoped by the tests: one per request. ``serial`` tells instances apart."""

    _serials = itertools.count(1)

    def __init__(self) -> None:
        self.serial = next(self._serials)


class Basket:
    """Depends on the scoped counter, to show both share it within a request."""

    def __init__(self, counter: RequestCounter) -> None:
        self.counter = counter


class Connection:
    """A scoped resource with a teardown."""

    def __init__(self, name: str) -> None:
        self.name = name


def open_connection() -> Iterator[Connection]:
    events.append("open")
    yield Connection("db")
    events.append("close")


async def open_async_connection() -> AsyncIterator[Connection]:
    events.append("open async")
    yield Connection("async db")
    events.append("close async")


class Unbindable:
    """Cannot be autowired: its constructor wants a plain string."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn


class TeapotError(Exception):
    """Rendered by the custom handler as a 418."""


class QuietError(Exception):
    """Listed in the custom handler's ``dont_report``."""


@dataclass
class Point:
    x: int
    y: int


# ---------------------------------------------------------------- controllers


class UserController:
    def __init__(self, greeter: Greeter, request: Request) -> None:
        self.greeter = greeter
        self.request = request

    async def show(self, id: int) -> dict[str, Any]:
        return {"id": id, "type": type(id).__name__}

    async def greet(self, name: str) -> str:
        return self.greeter.greet(name)

    async def who(self, request: Request) -> dict[str, Any]:
        return {"same": request is self.request, "path": request.path}

    def sync_who(self, request: Request) -> dict[str, Any]:
        return {"thread": threading.get_ident(), "same": request is self.request}


class InvokableController:
    def __init__(self, greeter: Greeter) -> None:
        self.greeter = greeter

    async def __call__(self, request: Request) -> str:
        return self.greeter.greet(request.path)


# ---------------------------------------------------------------- plain functions


async def untyped_text(id: str) -> dict[str, Any]:
    return {"id": id, "type": type(id).__name__}


async def converted(id: int, ratio: float) -> dict[str, Any]:
    return {"id": id, "ratio": ratio, "types": [type(id).__name__, type(ratio).__name__]}


async def archive(year: int | None = None) -> dict[str, Any]:
    return {"year": year}


def sync_archive(year: int | None = None) -> dict[str, Any]:
    return {"year": year}


async def by_uuid(id: uuid.UUID) -> dict[str, Any]:
    return {"id": str(id), "type": type(id).__name__}


async def needs_unbound(missing: Unbindable) -> str:
    return "never"


def sync_hello() -> str:
    return "<p>sync</p>"


async def async_hello() -> str:
    return "<p>async</p>"


async def scoped(a: RequestCounter, basket: Basket, request: Request) -> dict[str, Any]:
    return {
        "serial": a.serial,
        "shared": a is basket.counter,
        "middleware_serial": getattr(request.state, "counter_serial", None),
    }


def sync_scoped(request: Request, counter: RequestCounter) -> dict[str, Any]:
    return {
        "thread": threading.get_ident(),
        "path": request.path,
        "serial": counter.serial,
        "middleware_serial": getattr(request.state, "counter_serial", None),
    }


# ---------------------------------------------------------------- return values


async def returns_text() -> str:
    return "<b>hi</b>"


async def returns_dict() -> dict[str, Any]:
    return {"a": 1}


async def returns_list() -> list[int]:
    return [1, 2, 3]


async def returns_dataclass() -> Point:
    return Point(1, 2)


async def returns_none() -> None:
    return None


async def returns_response() -> Response:
    return PlainTextResponse("made", status=201, headers={"X-Made": "yes"})


def uses_connection(connection: Connection) -> str:
    events.append(f"use {connection.name}")
    return connection.name


async def _numbers() -> AsyncIterator[str]:
    for number in range(3):
        yield f"{number};"


async def returns_stream() -> StreamingResponse:
    return StreamingResponse(_numbers(), media_type="text/plain")


async def returns_file(request: Request) -> FileResponse:
    return FileResponse(Path(request.query["path"]), filename="data.txt")


async def returns_view(name: str) -> View:
    return view("hello", {"name": name})


# ---------------------------------------------------------------- errors


async def not_found() -> None:
    abort(404)


async def forbidden() -> None:
    abort(403, "Only owners may see this")


async def crash() -> None:
    raise RuntimeError("secret-token-xyz broke")


async def teapot() -> None:
    raise TeapotError("short and stout")


async def quiet() -> None:
    raise QuietError("expected")


async def ok() -> str:
    return "ok"


# ---------------------------------------------------------------- bodies


async def echo_json(request: Request) -> dict[str, Any]:
    return {"json": await request.json()}


async def body_size(request: Request) -> dict[str, int]:
    return {"size": len(await request.body())}


def echo_input(request: Request) -> dict[str, Any]:
    return {"name": request.input("name"), "all": request.all()}


# ---------------------------------------------------------------- redirects


async def to_user() -> Response:
    response: Response = redirect().route("users.show", id=1)
    return response


def back() -> Response:
    response: Response = redirect().back("/home")
    return response


async def route_info(request: Request) -> dict[str, Any]:
    route = request.route
    return {"name": route.name, "middleware": list(route.middleware), "path": route.path}


# ---------------------------------------------------------------- lifespan


async def on_startup() -> None:
    events.append("startup")


def on_shutdown() -> None:
    events.append("shutdown")


async def failing_startup() -> None:
    raise ConnectionError("database unreachable")
