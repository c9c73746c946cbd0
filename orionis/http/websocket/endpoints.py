"""WebSocket route actions turned, once at boot, into ``async (websocket) -> None`` callables.

Three kinds of action: a hook controller (a class with ``connect``/``receive``/``disconnect``
and no ``__call__``), a method (``(Controller, "method")`` or a class's ``__call__``), and a
function. Each call is planned at boot: which parameter takes the WebSocket (annotated
``WebSocket``, or named ``websocket``), which take route values (converted to their annotated
types), ``message`` and ``code`` for the hooks that have them, and what the container injects.
A connection then runs the plans without reading a signature.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from orionis.container import Container
from orionis.http.action_plan import argument_picker, compiled_call, invoker, route_arguments
from orionis.http.websocket.errors import WebSocketSetupError, close_code_for
from orionis.http.websocket.middleware import WebSocketHandler
from orionis.http.websocket.websocket import (
    WebSocket,
    WebSocketDisconnect,
    WebSocketState,
    close_quietly,
)
from orionis.routing import CompiledRoute, RedirectAction, ViewAction

__all__ = ["ENCODINGS", "HookEndpoint", "WebSocketEndpointBuilder"]

_Reader = Callable[[WebSocket], Awaitable[Any]]

ENCODINGS: dict[str | None, _Reader] = {
    "text": WebSocket.receive_text,
    "bytes": WebSocket.receive_bytes,
    "json": WebSocket.receive_json,
    None: WebSocket.receive,
}
"""A hook controller's ``encoding`` and how its messages are read (None: str or bytes)."""


@dataclass(frozen=True, slots=True)
class _Call:
    """One planned call: the callable, and what a connection passes it by name."""

    invoke: Callable[..., Awaitable[Any]]
    socket: str | None
    pick: Callable[[Mapping[str, Any]], Mapping[str, Any]]
    extras: tuple[str, ...]

    def arguments(self, websocket: WebSocket) -> dict[str, Any]:
        """The route values (converted; a refused conversion raises 404) and the socket."""
        arguments = dict(self.pick(websocket.route_params))
        if self.socket is not None:
            arguments[self.socket] = websocket
        return arguments


class HookEndpoint:
    """Runs a hook controller on one connection: connect (default: accept), then each message
    decoded per ``encoding`` to ``receive``, then ``disconnect`` with the close code.

    ``disconnect`` runs whenever an accepted connection ends, after an error too (with the code
    it was closed with: 1011, or 1008 for an HTTP error), so it can release what connect took.
    """

    __slots__ = ("_build", "_connect", "_disconnect", "_read", "_receive")

    def __init__(
        self,
        build: Callable[[], Any],
        read: _Reader,
        connect: _Call | None,
        receive: _Call | None,
        disconnect: _Call | None,
    ) -> None:
        self._build = build
        self._read = read
        self._connect = connect
        self._receive = receive
        self._disconnect = disconnect

    async def __call__(self, websocket: WebSocket) -> None:
        controller = self._build()
        try:
            code = await self._run(controller, websocket)
        except Exception as error:
            if not websocket.accepted:
                raise  # the kernel refuses the handshake with the error's status
            code = close_code_for(error)
            await close_quietly(websocket, code)
            await self._disconnected(controller, websocket, code)
            raise
        if websocket.accepted:
            await self._disconnected(controller, websocket, code)

    async def _run(self, controller: Any, websocket: WebSocket) -> int:
        """The connection from connect to its end; returns the close code."""
        try:
            connect = self._connect
            if connect is None:
                await websocket.accept()
            else:
                await connect.invoke(self=controller, **connect.arguments(websocket))
            if websocket.connection_state is not WebSocketState.OPEN:
                return websocket.close_code or 1000  # connect refused or closed it already
            await self._messages(controller, websocket)
        except WebSocketDisconnect as gone:
            await close_quietly(websocket, gone.code)  # a handler raised it while open
            return gone.code

    async def _messages(self, controller: Any, websocket: WebSocket) -> NoReturn:
        """Read until the connection ends (`WebSocketDisconnect`), passing each to receive."""
        read, receive = self._read, self._receive
        if receive is None:
            while True:
                await read(websocket)
        on_message = functools.partial(
            receive.invoke, self=controller, **receive.arguments(websocket)
        )
        if "message" not in receive.extras:
            while True:
                await read(websocket)
                await on_message()
        while True:
            await on_message(message=await read(websocket))

    async def _disconnected(self, controller: Any, websocket: WebSocket, code: int) -> None:
        disconnect = self._disconnect
        if disconnect is None:
            return
        arguments = disconnect.arguments(websocket)
        if "code" in disconnect.extras:
            arguments["code"] = code
        await disconnect.invoke(self=controller, **arguments)


class WebSocketEndpointBuilder:
    """Builds the endpoint of each WebSocket route with the container, once, at boot."""

    def __init__(self, container: Container) -> None:
        self._container = container

    def build(self, route: CompiledRoute) -> WebSocketHandler:
        """The endpoint running ``route.action`` on a connection."""
        action = route.action
        if isinstance(action, tuple):
            controller, name = action
            return self._method(route, controller, getattr(controller, name))
        if inspect.isclass(action):
            if any("__call__" in vars(k) for k in action.__mro__ if k is not object):
                return self._method(route, action, action.__call__)
            return self._hooks(route, action)
        if isinstance(action, ViewAction | RedirectAction):
            raise WebSocketSetupError(
                f"WebSocket route {route.path!r} ({route.location}) has a view or redirect "
                "action; a WebSocket route runs an async function or a controller."
            )
        return self._function(route, action)

    def _function(self, route: CompiledRoute, function: Callable[..., Any]) -> WebSocketHandler:
        call = self._plan(route, function, (), ())

        async def function_endpoint(websocket: WebSocket) -> None:
            await call.invoke(**call.arguments(websocket))

        return function_endpoint

    def _method(
        self, route: CompiledRoute, cls: type, method: Callable[..., Any]
    ) -> WebSocketHandler:
        build = compiled_call(
            self._container, cls, (), where=_where(route), error=WebSocketSetupError
        )
        call = self._plan(route, method, ("self",), ())

        async def method_endpoint(websocket: WebSocket) -> None:
            await call.invoke(self=build(), **call.arguments(websocket))

        return method_endpoint

    def _hooks(self, route: CompiledRoute, cls: type) -> HookEndpoint:
        encoding = getattr(cls, "encoding", None)
        if encoding not in ENCODINGS:
            allowed = ", ".join(repr(name) for name in ENCODINGS)
            raise WebSocketSetupError(
                f"WebSocket route {route.path!r} ({route.location}): {cls.__qualname__}.encoding "
                f"is {encoding!r}; use one of {allowed}."
            )
        return HookEndpoint(
            compiled_call(self._container, cls, (), where=_where(route), error=WebSocketSetupError),
            ENCODINGS[encoding],
            self._hook(route, cls, "connect", ()),
            self._hook(route, cls, "receive", ("message",)),
            self._hook(route, cls, "disconnect", ("code",)),
        )

    def _hook(
        self, route: CompiledRoute, cls: type, name: str, extras: tuple[str, ...]
    ) -> _Call | None:
        hook = getattr(cls, name, None)
        return None if hook is None else self._plan(route, hook, ("self",), extras)

    def _plan(
        self,
        route: CompiledRoute,
        target: Callable[..., Any],
        leading: tuple[str, ...],
        extras: tuple[str, ...],
    ) -> _Call:
        where = _where(route)
        if not inspect.iscoroutinefunction(target):
            raise WebSocketSetupError(
                f"{where}: {target.__qualname__} must be an async function (async def): a "
                "WebSocket handler awaits the connection."
            )
        try:
            parameters = inspect.signature(target).parameters
            socket = _socket_parameter(parameters, typing.get_type_hints(target))
            names, converters = route_arguments(route, target)
        except Exception as error:
            raise WebSocketSetupError(f"{where} cannot be prepared: {error}") from error
        taken = tuple(extra for extra in extras if extra in parameters)
        names = tuple(name for name in names if name != socket and name not in taken)
        converters = {name: convert for name, convert in converters.items() if name in names}
        provided = (*leading, *((socket,) if socket else ()), *taken, *names)
        invoke = invoker(
            self._container, target, provided, leading, where=where, error=WebSocketSetupError
        )
        return _Call(invoke, socket, argument_picker(route, names, converters), taken)


def _where(route: CompiledRoute) -> str:
    return f"WebSocket route {route.path!r} ({route.location})"


def _socket_parameter(
    parameters: Mapping[str, inspect.Parameter], hints: Mapping[str, Any]
) -> str | None:
    """The parameter that takes the WebSocket: annotated ``WebSocket``, else named
    ``websocket``; None when the call takes no WebSocket."""
    for name in parameters:
        if hints.get(name) is WebSocket:
            return name
    return "websocket" if "websocket" in parameters else None
