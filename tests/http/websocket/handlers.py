"""Actions, controllers, middleware and services the WebSocket tests' route files name."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from orionis.http import ExceptionHandler, Forbidden, Request, Response, WebSocket, abort
from orionis.http.middleware import Next
from orionis.http.websocket import WebSocketDisconnect, WebSocketError, WebSocketNext

events: list[Any] = []
"""What the handlers did, in order; cleared before each test."""

_ids = itertools.count(1)


# ----------------------------------------------------------------------------- services


class Tracker:
    """Bound scoped in the tests: one per connection."""

    def __init__(self) -> None:
        self.id = next(_ids)


class Greeter:
    """A transient service with no dependencies."""

    def greet(self, name: str) -> str:
        return f"hello {name}"


class CountingHandler(ExceptionHandler):
    """Remembers every report() call."""

    reported: ClassVar[list[BaseException]] = []

    def report(self, error: BaseException) -> None:
        CountingHandler.reported.append(error)


# ----------------------------------------------------------------------------- functions


async def echo(websocket: WebSocket) -> None:
    """Text back with a prefix, bytes back as they came, until the client leaves."""
    await websocket.accept()
    async for message in websocket:
        if isinstance(message, str):
            await websocket.send_text(f"echo:{message}")
        else:
            await websocket.send_bytes(message)


async def echo_json(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        await websocket.send_json({"got": await websocket.receive_json()})


async def text_only(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        await websocket.send_text(await websocket.receive_text())


async def bytes_only(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        await websocket.send_bytes(await websocket.receive_bytes())


async def bye(websocket: WebSocket) -> None:
    """Closes with an application code and a reason."""
    await websocket.accept()
    await websocket.close(4001, "bye")
    events.append(("close_code", websocket.close_code, websocket.closed))


async def hello_then_return(websocket: WebSocket) -> None:
    """Returns with the connection still open: the kernel closes it with 1000."""
    await websocket.accept()
    await websocket.send_text("hello")


async def never_accepts(websocket: WebSocket) -> None:
    events.append("ran")


async def closes_before_accept(websocket: WebSocket) -> None:
    await websocket.close(4000)


async def rejects(websocket: WebSocket) -> None:
    await websocket.reject(429)


async def aborts(websocket: WebSocket) -> None:
    abort(401, "Log in first")


async def fails_before_accept(websocket: WebSocket) -> None:
    raise RuntimeError("secret database password")


async def fails_after_accept(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.receive_text()
    raise RuntimeError("secret database password")


async def forbidden_after_accept(websocket: WebSocket) -> None:
    await websocket.accept()
    raise Forbidden()


async def raises_disconnect(websocket: WebSocket) -> None:
    """Ends the connection by raising WebSocketDisconnect itself."""
    await websocket.accept()
    raise WebSocketDisconnect(4002)


async def describe(websocket: WebSocket, request: Request) -> None:
    """The handshake as the application sees it."""
    await websocket.accept()
    await websocket.send_json(
        {
            "path": websocket.path,
            "query": websocket.query.get("q"),
            "header": websocket.headers.get("x-test"),
            "cookies": websocket.cookies,
            "client": list(websocket.client or ()),
            "subprotocols": websocket.subprotocols,
            "interface": websocket.interface,
            "scheme": request.scheme,
            "same_request": request is websocket.request,
            "accepted": websocket.accepted,
        }
    )
    await websocket.receive()


async def with_subprotocol(websocket: WebSocket) -> None:
    await websocket.accept(subprotocol="chat", headers={"x-server": "orionis"})
    await websocket.send_text(websocket.accepted_subprotocol or "")
    await websocket.receive()


async def unoffered_subprotocol(websocket: WebSocket) -> None:
    await websocket.accept(subprotocol="mqtt")


async def misuse(websocket: WebSocket) -> None:
    """Calls made out of order: each raises WebSocketError, and the messages are sent back."""
    problems: list[str] = []
    try:
        await websocket.send_text("too early")
    except WebSocketError as error:
        problems.append(str(error))
    await websocket.accept()
    attempts: list[Callable[[], Awaitable[None]]] = [
        websocket.accept,
        lambda: websocket.reject(403),
        lambda: websocket.close(1005),
        lambda: websocket.close(4000, "x" * 124),
    ]
    for attempt in attempts:
        try:
            await attempt()
        except WebSocketError as error:
            problems.append(str(error))
    await websocket.send_json(problems)
    await websocket.receive()


async def typed_item(websocket: WebSocket, id: int) -> None:
    await websocket.accept()
    await websocket.send_json({"id": id, "type": type(id).__name__})
    await websocket.receive()


async def pushes_until_gone(websocket: WebSocket) -> None:
    """Sends without receiving: on RSGI a send to a client that left raises."""
    await websocket.accept()
    try:
        while True:
            await websocket.send_text("tick")
            await asyncio.sleep(0)
    except WebSocketDisconnect as gone:
        events.append(("gone", gone.code))
        raise


def sync_action(websocket: WebSocket) -> None:
    """Not async: refused at boot."""


# ----------------------------------------------------------------------------- controllers


class ChatController:
    """A hook controller: constructor injection, route values, scoped services, message, code."""

    encoding = "text"

    def __init__(self, greeter: Greeter, tracker: Tracker) -> None:
        self.greeter = greeter
        self.tracker = tracker

    async def connect(self, websocket: WebSocket, room: int, tracker: Tracker) -> None:
        events.append(("connect", room, type(room).__name__, tracker.id, self.tracker.id))
        await websocket.accept()

    async def receive(
        self, websocket: WebSocket, message: str, room: int, tracker: Tracker
    ) -> None:
        events.append(("receive", message, tracker.id))
        await websocket.send_text(f"{room}:{self.greeter.greet(message)}")

    async def disconnect(self, code: int, tracker: Tracker, room: int) -> None:
        events.append(("disconnect", code, tracker.id, room))


class JsonHooks:
    """Only receive, JSON messages; connect accepts by default."""

    encoding = "json"

    async def receive(self, websocket: WebSocket, message: Any) -> None:
        await websocket.send_json({"got": message})

    async def disconnect(self, code: int) -> None:
        events.append(("disconnect", code))


class BytesHooks:
    encoding = "bytes"

    async def receive(self, websocket: WebSocket, message: bytes) -> None:
        await websocket.send_bytes(message[::-1])


class RawHooks:
    """encoding None: str or bytes as received; ``websocket`` taken by name, no annotation."""

    encoding = None

    async def receive(self, websocket, message) -> None:  # type: ignore[no-untyped-def]
        await websocket.send_text(type(message).__name__)


class RefusingHooks:
    """connect returns without accepting: the handshake is refused with 403."""

    async def connect(self, websocket: WebSocket) -> None:
        events.append("connect")

    async def disconnect(self, code: int) -> None:
        events.append("disconnect")


class FailingHooks:
    """receive fails: the connection closes with 1011 and disconnect still runs."""

    async def receive(self, websocket: WebSocket, message: str) -> None:
        raise RuntimeError("secret in receive")

    async def disconnect(self, code: int) -> None:
        events.append(("disconnect", code))


class ClosingHooks:
    """receive closes with 4100: disconnect gets that code."""

    async def receive(self, websocket: WebSocket, message: str) -> None:
        await websocket.close(4100, "done")

    async def disconnect(self, code: int) -> None:
        events.append(("disconnect", code))


class BadEncoding:
    encoding = "xml"

    async def receive(self, websocket: WebSocket, message: str) -> None: ...


class FeedController:
    """A method action, constructor-injected."""

    def __init__(self, greeter: Greeter) -> None:
        self.greeter = greeter

    async def stream(self, websocket: WebSocket, name: str) -> None:
        await websocket.accept()
        for _ in range(2):
            await websocket.send_text(self.greeter.greet(name))
        await websocket.close()


class SingleAction:
    """A class with __call__: a single-action WebSocket controller."""

    async def __call__(self, websocket: WebSocket, tracker: Tracker) -> None:
        await websocket.accept()
        await websocket.send_json({"tracker": tracker.id})


# ----------------------------------------------------------------------------- middleware


class Trace:
    """Both kinds: records entry and exit, and its parameters."""

    async def handle(self, request: Request, next: Next, *params: str) -> Response:
        return await next(request)

    async def handle_websocket(
        self, websocket: WebSocket, next: WebSocketNext, *params: str
    ) -> None:
        events.append(("trace:in", params))
        await next(websocket)
        events.append(("trace:out", params))


class Outer:
    """A global WebSocket middleware (config/websockets.py): runs outside route middleware."""

    async def handle_websocket(self, websocket: WebSocket, next: WebSocketNext) -> None:
        events.append("outer")
        websocket.state.outer = True
        await next(websocket)


class Deny:
    """Refuses by returning without calling next."""

    async def handle_websocket(self, websocket: WebSocket, next: WebSocketNext) -> None:
        events.append("deny")


class RequireToken:
    """Refuses with 401 unless ?token=secret."""

    async def handle_websocket(self, websocket: WebSocket, next: WebSocketNext) -> None:
        if websocket.query.get("token") != "secret":
            abort(401)
        await next(websocket)


class HttpOnly:
    """A user middleware without handle_websocket: refused on WebSocket routes at boot."""

    async def handle(self, request: Request, next: Next) -> Response:
        return await next(request)


class SocketOnly:
    """A middleware with handle_websocket only: refused on HTTP routes at boot."""

    async def handle_websocket(self, websocket: WebSocket, next: WebSocketNext) -> None:
        await next(websocket)


async def state_reader(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_json({"outer": getattr(websocket.state, "outer", False)})


# ----------------------------------------------------------------------------- web group


async def whoami(websocket: WebSocket) -> None:
    """The session and the cookies of the handshake; writes to the session are not saved."""
    await websocket.accept()
    session = websocket.request.session
    await websocket.send_json(
        {"user": session.get("user"), "flavour": websocket.cookies.get("flavour")}
    )
    session.put("written_over_websocket", True)
    await websocket.receive()


def set_flavour() -> Response:
    return Response("set").set_cookie("flavour", "oat")


def show_session(request: Request) -> dict[str, Any]:
    return {"written": request.session.get("written_over_websocket")}
