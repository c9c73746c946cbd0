"""ASGI to Request, and Response back to ASGI messages."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, MutableMapping
from functools import partial
from typing import Any

from orionis.http.body import BodyLimits, BodySource, cut_short
from orionis.http.file_response import FileResponse
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.http.streaming import StreamingResponse, until_disconnected

__all__ = [
    "Message",
    "Receive",
    "Scope",
    "Send",
    "request_from_asgi",
    "scope_request",
    "send_asgi",
]

Scope = MutableMapping[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_PATHSEND = "http.response.pathsend"
_END: Message = {"type": "http.response.body", "body": b"", "more_body": False}


async def _receive_body(receive: Receive) -> AsyncGenerator[bytes, None]:
    received = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            # http.disconnect: the client left before the last chunk; what came is not a body.
            raise cut_short(received, None)
        body = message.get("body", b"")
        if body:
            received += len(body)
            yield body
        if not message.get("more_body", False):
            return


def request_from_asgi(scope: Scope, receive: Receive, max_body_size: int | BodyLimits) -> Request:
    """The Request of an ASGI ``http`` scope; the body is received only when read.

    ``max_body_size``: the largest body in bytes, or the worker's ``BodyLimits``.
    """
    body = partial(_receive_body, receive)
    return scope_request(scope, scope["method"], "http", body, max_body_size)


def scope_request(
    scope: Scope,
    method: str,
    default_scheme: str,
    body: BodySource,
    max_body_size: int | BodyLimits,
) -> Request:
    """A Request from what an ASGI scope says of the connection (``http`` or ``websocket``):
    ``default_scheme`` when the server names none, the body read from ``body()``."""
    return Request(
        method,
        scope.get("scheme", default_scheme),
        scope["path"],
        scope.get("query_string", b""),
        scope["headers"],
        scope.get("client"),
        scope.get("server"),
        scope.get("http_version", "1.1"),
        body,
        max_body_size,
    )


# Content-Type pairs, encoded once: responses share a few of them, and encoding every pair of
# every response was the largest part of _start (measured).
_ENCODED: dict[tuple[str, str], tuple[bytes, bytes]] = {}
_ENCODED_LIMIT = 64


def _start(status: int, raw: list[tuple[str, str]]) -> Message:
    headers = []
    for pair in raw:
        encoded = _ENCODED.get(pair)
        if encoded is None:
            name, value = pair
            encoded = (name.encode("latin-1"), value.encode("latin-1"))
            if name == "content-type" and len(_ENCODED) < _ENCODED_LIMIT:
                _ENCODED[pair] = encoded
        headers.append(encoded)
    return {"type": "http.response.start", "status": status, "headers": headers}


async def send_asgi(
    response: Response, send: Send, receive: Receive, scope: Scope | None = None
) -> None:
    """Send ``response`` as ASGI messages; streams stop when the client disconnects.

    Pass the ``scope`` so files can use the server's ``http.response.pathsend`` extension.
    """
    if not response.streamed:
        await send(_start(response.status_code, response.raw_headers))
        await send({"type": "http.response.body", "body": response.body})
    elif isinstance(response, FileResponse):
        await _send_file(response, send, receive, scope)
    elif isinstance(response, StreamingResponse):
        await _send_stream(response, send, receive)
    else:
        await send(_start(response.status_code, response.raw_headers))
        await send({"type": "http.response.body", "body": response.body})


async def _send_file(
    response: FileResponse, send: Send, receive: Receive, scope: Scope | None
) -> None:
    await send(_start(response.status_code, response.raw_headers))
    extensions = scope.get("extensions") or {} if scope is not None else {}
    if response.range is None and _PATHSEND in extensions:
        await send({"type": _PATHSEND, "path": response.path})
        return
    chunks = response.iter_chunks()
    try:
        await _stream(chunks, send, receive)
    finally:
        await chunks.aclose()


async def _send_stream(response: StreamingResponse, send: Send, receive: Receive) -> None:
    try:
        await send(_start(response.status_code, response.raw_headers))
        if response.sends_body:
            await _stream(response.body_iterator, send, receive)
        else:
            await send(_END)
    finally:
        await response.aclose()


async def _stream(chunks: AsyncGenerator[bytes, None], send: Send, receive: Receive) -> None:
    if await until_disconnected(_pump(chunks, send), _disconnected(receive)):
        await send(_END)


async def _pump(chunks: AsyncGenerator[bytes, None], send: Send) -> None:
    try:
        async for chunk in chunks:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    except OSError:
        return  # servers such as uvicorn raise an OSError once the client is gone


async def _disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
