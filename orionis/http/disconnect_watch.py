"""Cancelling the handler of a request whose client disconnected, so that its ``finally`` runs.

Granian never cancels an HTTP handler when its client goes away (RSGI and ASGI, measured with
2.8.7): without a watch, a handler waiting on something slow keeps its request scope, its
concurrency slot and whatever else it holds until it ends by itself, for an answer nobody
will read.

A watch costs no task on Granian: its ``client_disconnect()`` (RSGI) and ``receive()`` (ASGI)
return future-like objects that take a done callback, and the callback is the request task's
own ``cancel``. The bridge watches while the request is handled only and stops before the
response is written, so a response being sent and terminable middleware after it are not cut
short (a stream stops on a disconnect by itself).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

__all__ = ["BodyWatch", "Cancel", "disconnected", "unwatch", "watch"]

Cancel = Callable[[Any], object]
"""A task's bound ``cancel``: called with the finished waiter (taken as the cancel message)."""


def watch(event: Awaitable[Any], cancel: Cancel) -> asyncio.Future[Any]:
    """Call ``cancel`` when ``event`` (the client's disconnect) resolves; return the waiter
    to give to `unwatch` and `disconnected`."""
    try:
        # Granian's awaitables are future-like: no task is needed to learn that they finished.
        event.add_done_callback(cancel)  # type: ignore[attr-defined]
    except AttributeError:
        waiter = asyncio.ensure_future(event)  # another server's coroutine: run it as a task
        waiter.add_done_callback(cancel)
        return waiter
    return event  # type: ignore[return-value]


def unwatch(waiter: asyncio.Future[Any], cancel: Cancel) -> None:
    """Stop the watch: a disconnect from now on cancels nothing."""
    waiter.remove_done_callback(cancel)
    if not waiter.done():
        waiter.cancel()


def disconnected(waiter: asyncio.Future[Any] | None) -> bool:
    """Whether the client's disconnect resolved ``waiter`` (so a ``CancelledError`` of the
    task came from the watch: nobody is left to answer, nothing to report)."""
    return waiter is not None and waiter.done() and not waiter.cancelled()


class BodyWatch:
    """The ASGI watch of a request with a body: its ``receive`` hands the body's messages to
    the Request, and starts the watch after the last one, when receive() is free to report
    the disconnect (watching earlier would take body messages the handler needs)."""

    __slots__ = ("_cancel", "_receive", "waiter")

    def __init__(self, receive: Callable[[], Awaitable[dict[str, Any]]], cancel: Cancel) -> None:
        self._receive = receive
        self._cancel: Cancel | None = cancel
        self.waiter: asyncio.Future[Any] | None = None

    async def receive(self) -> dict[str, Any]:
        """The next ASGI message of the request."""
        message = await self._receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            cancel = self._cancel
            if cancel is not None and self.waiter is None:
                self.waiter = watch(self._receive(), cancel)
        return message

    def stop(self) -> None:
        """Stop watching for good (the response is under way)."""
        cancel, self._cancel = self._cancel, None
        if cancel is not None and self.waiter is not None:
            unwatch(self.waiter, cancel)
