"""Reading a request body within ``max_body_size`` and decoding JSON bodies."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import orjson

from orionis.http.exceptions import BadRequest, PayloadTooLarge

__all__ = ["BodySource", "check_declared_length", "decode_json", "limited"]

BodySource = Callable[[], AsyncIterator[bytes]]
"""What adapters give a Request: a factory of the body's chunks, called at most once."""


def _too_large(limit: int, detail: str) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"Request body is larger than the limit of {limit} bytes ({detail}). "
        "Send a smaller body, or raise max_body_size in config/http.py."
    )


def check_declared_length(content_length: int | None, limit: int) -> None:
    """Refuse at once when ``Content-Length`` already says the body is too large."""
    if content_length is not None and content_length > limit:
        raise _too_large(limit, f"Content-Length: {content_length}")


async def limited(chunks: AsyncIterator[bytes], limit: int) -> AsyncIterator[bytes]:
    """Yield ``chunks`` and stop with ``PayloadTooLarge`` once their total passes ``limit``."""
    received = 0
    # Driven with anext() rather than `async for`: Granian's body iterator refuses a second
    # __aiter__() call, and the factory already returned the iterator.
    while True:
        try:
            chunk = await anext(chunks)
        except StopAsyncIteration:
            return
        received += len(chunk)
        if received > limit:
            raise _too_large(limit, f"received {received} bytes so far")
        yield chunk


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
