"""A response whose body is produced while it is sent."""

from __future__ import annotations

import asyncio
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    Awaitable,
    Coroutine,
    Iterable,
    Iterator,
    Mapping,
)
from typing import Any, TypeVar

from orionis.http.request import Request
from orionis.http.response import Response, content_type_header, header_list

__all__ = ["StreamContent", "StreamingResponse", "until_disconnected"]

StreamContent = AsyncIterable[bytes | str] | Iterable[bytes | str]

_DONE: Any = object()
_T = TypeVar("_T")


async def _encode(chunks: AsyncIterable[bytes | str]) -> AsyncGenerator[bytes, None]:
    async for chunk in chunks:
        yield chunk.encode() if isinstance(chunk, str) else chunk


async def _in_thread(iterator: Iterator[_T]) -> AsyncGenerator[_T, None]:
    """Pull a sync iterator in worker threads so its blocking calls never stall the loop."""
    loop = asyncio.get_running_loop()
    pending: asyncio.Future[Any] | None = None
    try:
        while True:
            pending = loop.run_in_executor(None, next, iterator, _DONE)
            # Shielded: on cancellation the thread keeps running next(); closing the
            # iterator while it runs would fail, so the finally below waits for it.
            chunk = await asyncio.shield(pending)
            if chunk is _DONE:
                return
            yield chunk
    finally:
        if pending is not None and not pending.done():
            await asyncio.wait([pending])


class StreamingResponse(Response):
    """``StreamingResponse(generate())`` with an async or sync iterator of bytes or str.

    A sync iterator is pulled in a worker thread. The iterator is closed (its ``finally``
    blocks run) when the body ends, when the client disconnects or when sending fails.
    """

    __slots__ = ("_source", "_threaded", "body_iterator", "sends_body")

    streamed = True

    def __init__(
        self,
        content: StreamContent,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
    ) -> None:
        media_type = media_type or self.media_type
        content_type = None if media_type is None else content_type_header(media_type)
        self.status_code = status
        self.body = b""
        self.raw_headers = header_list(headers, content_type)
        self._headers = None
        self.sends_body = True
        if isinstance(content, (str, bytes)):
            content = [content]
        self._source: object = content
        self._threaded: AsyncGenerator[bytes | str, None] | None = None
        self.body_iterator: AsyncGenerator[bytes, None]
        if isinstance(content, AsyncIterable):
            self.body_iterator = _encode(content)
        else:
            self._threaded = _in_thread(iter(content))
            self.body_iterator = _encode(self._threaded)

    def prepare(self, request: Request) -> Response:
        """HEAD sends the headers only; the iterator is then closed without being read."""
        if request.method == "HEAD":
            self.sends_body = False
        return self

    async def aclose(self) -> None:
        """Close the body iterator and the content behind it; safe to call more than once."""
        await self.body_iterator.aclose()
        if self._threaded is not None:
            await self._threaded.aclose()
            close = getattr(self._source, "close", None)
            if close is not None:
                await asyncio.to_thread(close)
            return
        aclose = getattr(self._source, "aclose", None)
        if aclose is not None:
            await aclose()


async def until_disconnected(work: Coroutine[Any, Any, None], disconnected: Awaitable[Any]) -> bool:
    """Run ``work`` until it ends or ``disconnected`` resolves, whichever comes first.

    Returns True when ``work`` ended on its own (its errors are re-raised), False when the
    client went away and ``work`` was cancelled. Both tasks are finished on return, so the
    body iterator can be closed safely afterwards.
    """
    pump = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(disconnected)
    try:
        await asyncio.wait((pump, watcher), return_when=asyncio.FIRST_COMPLETED)
    finally:
        watcher.cancel()
        pump.cancel()
        await asyncio.wait((pump, watcher))
    if pump.cancelled():
        return False
    pump.result()
    return True
