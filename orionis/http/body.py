"""Reading a request body within its limits (size, time) and decoding JSON bodies."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import orjson

from orionis.config.sections import HttpConfig
from orionis.http.body_deadline import BodyDeadlineExpired, awaited_before
from orionis.http.exceptions import BadRequest, PayloadTooLarge, RequestTimeout

__all__ = [
    "BodyLimits",
    "BodySource",
    "check_declared_length",
    "cut_short",
    "decode_json",
    "limited",
    "read_all",
]

BodySource = Callable[[], AsyncIterator[bytes]]
"""What adapters give a Request: a factory of the body's chunks, called at most once."""

# The client is told the connection ends with the error: the rest of its body is never read,
# so the connection cannot carry another request (Granian closes it either way, measured).
_CLOSE = {"Connection": "close"}


@dataclass(frozen=True, slots=True)
class BodyLimits:
    """How much of a request body is read, for how long, and how much of a form is parsed.

    Built once at boot from ``config/http.py``; every Request of the worker shares it. The
    defaults are the config's own (`HttpConfig`), so the two cannot drift apart.
    """

    max_body_size: int = HttpConfig.max_body_size
    """Largest body in bytes (413 past it)."""
    read_timeout: float = HttpConfig.body_read_timeout
    """Seconds the whole body may take to arrive once the application reads it (408 past
    them); 0 turns the deadline off."""
    max_form_parts: int = HttpConfig.max_form_parts
    """Parts of one multipart body, files included (413 past it)."""
    max_form_files: int = HttpConfig.max_form_files
    """File parts of one multipart body (413 past it)."""
    max_form_field_size: int = HttpConfig.max_form_field_size
    """Bytes of one non-file multipart field (413 past it)."""
    max_form_pairs: int = HttpConfig.max_form_pairs
    """``name=value`` pairs of one urlencoded body (413 past it)."""


def _too_large(limit: int, detail: str) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"Request body is larger than the limit of {limit} bytes ({detail}). "
        "Send a smaller body, or raise max_body_size in config/http.py (or the route's "
        ".max_body_size(...)).",
        _CLOSE,
    )


def _too_slow(timeout: float, received: int) -> RequestTimeout:
    return RequestTimeout(
        f"Request body took longer than {timeout:g} seconds to arrive ({received} bytes "
        "received). Send it faster, or raise body_read_timeout in config/http.py.",
        _CLOSE,
    )


def cut_short(received: int, expected: int | None) -> BadRequest:
    """The error for a body that ended before it was complete: the client disconnected (or
    stopped) part way. The handler must never see such a body as if it were whole: a form cut
    inside a field would otherwise be processed with a truncated value."""
    announced = "" if expected is None else f" of the {expected} bytes Content-Length announced"
    return BadRequest(
        f"Request body ended after {received} bytes{announced}: the client disconnected "
        "before sending all of it.",
        _CLOSE,
    )


def check_declared_length(content_length: int | None, limit: int) -> None:
    """Refuse at once when ``Content-Length`` already says the body is too large."""
    if content_length is not None and content_length > limit:
        raise _too_large(limit, f"Content-Length: {content_length}")


async def limited(
    chunks: AsyncIterator[bytes], limits: BodyLimits, expected: int | None = None
) -> AsyncIterator[bytes]:
    """Yield ``chunks``; stop with 413 once their total passes ``max_body_size`` and with 408
    once ``read_timeout`` seconds passed since the first chunk was asked for. ``expected``
    (the declared Content-Length): ending with fewer bytes raises `cut_short`'s 400.

    The deadline covers the whole body, not the pause between two chunks: a client dripping a
    byte a second would otherwise hold the request open for as long as it likes.
    """
    limit, timeout = limits.max_body_size, limits.read_timeout
    deadline = asyncio.get_running_loop().time() + timeout if timeout > 0 else None
    received = 0
    # Driven with anext() rather than `async for`: Granian's body iterator refuses a second
    # __aiter__() call, and the factory already returned the iterator.
    while True:
        try:
            if deadline is None:
                chunk = await anext(chunks)
            else:
                chunk = await awaited_before(_next_chunk(chunks), deadline)
        except StopAsyncIteration:
            if expected is not None and received < expected:
                raise cut_short(received, expected) from None
            return
        except BodyDeadlineExpired:
            raise _too_slow(timeout, received) from None
        received += len(chunk)
        if received > limit:
            raise _too_large(limit, f"received {received} bytes so far")
        yield chunk


async def _next_chunk(chunks: AsyncIterator[bytes]) -> bytes:
    # The server's read starts only once awaited_before awaits this (see its docstring).
    return await anext(chunks)


async def read_all(
    chunks: AsyncIterator[bytes], limits: BodyLimits, expected: int | None = None
) -> bytes:
    """The whole body within ``limits``: the same 413, 408 and 400 as `limited`, the deadline
    watched once for the whole read rather than per chunk."""
    timeout = limits.read_timeout
    parts: list[bytes] = []
    if timeout <= 0:
        return await _collect(chunks, limits.max_body_size, parts, expected)
    deadline = asyncio.get_running_loop().time() + timeout
    try:
        collect = _collect(chunks, limits.max_body_size, parts, expected)
        return await awaited_before(collect, deadline)
    except BodyDeadlineExpired:
        raise _too_slow(timeout, sum(map(len, parts))) from None


async def _collect(
    chunks: AsyncIterator[bytes], limit: int, parts: list[bytes], expected: int | None
) -> bytes:
    received = 0
    while True:
        try:
            chunk = await anext(chunks)
        except StopAsyncIteration:
            if expected is not None and received < expected:
                raise cut_short(received, expected) from None
            return b"".join(parts)
        received += len(chunk)
        if received > limit:
            raise _too_large(limit, f"received {received} bytes so far")
        parts.append(chunk)


def decode_json(body: bytes) -> Any:
    """Parse a JSON body; empty or malformed bodies raise ``BadRequest`` with the reason."""
    if not body.strip():
        raise BadRequest(
            "Empty JSON body: the request says Content-Type application/json but sent no "
            "content. Send a JSON document or drop the Content-Type header."
        )
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise BadRequest(
            f"Malformed JSON body: {error.msg} at line {error.lineno} column {error.colno}."
        ) from error
