"""The deadline of a request body being read (``body_read_timeout``), kept by one timer per loop.

A timer per read (``asyncio.timeout``) costs ~11 µs a request on this kind of machine, most of
the cost of reading a small body; registering a read with the loop's watch costs ~0.5 µs. The
watch wakes every `TICK` seconds while any body is being read, and cancels each read whose
deadline passed; the reader turns that cancellation into a 408. A read is only registered
while the reader awaits the server, so a handler busy between two chunks is never cancelled
in its own code: the next chunk it asks for is refused instead.
"""

from __future__ import annotations

import asyncio
import contextvars
import weakref
from collections.abc import Coroutine
from typing import Any, Final, TypeVar

__all__ = ["TICK", "BodyDeadlineExpired", "awaited_before"]

TICK: Final = 0.25
"""Seconds between two checks: a slow body is answered at most this much after its deadline."""

_T = TypeVar("_T")


class BodyDeadlineExpired(Exception):  # noqa: N818 - an event, not a programming error
    """The body's deadline passed while the reader was waiting for it."""


class _Read:
    __slots__ = ("deadline", "expired", "task")

    def __init__(self, deadline: float, task: asyncio.Task[object]) -> None:
        self.deadline = deadline
        self.task = task
        self.expired = False


class _Watch:
    """The reads of one event loop that are waiting for the client, checked every TICK."""

    __slots__ = ("_handle", "_loop", "_reads")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._reads: set[_Read] = set()
        self._handle: asyncio.TimerHandle | None = None

    def add(self, read: _Read) -> None:
        self._reads.add(read)
        if self._handle is None:
            # An empty context: a timer copies the current one, which here is the request's,
            # and would keep that request (its scope, its server connection) alive for as long
            # as the watch re-arms itself.
            self._handle = self._loop.call_later(TICK, self._check, context=contextvars.Context())

    def discard(self, read: _Read) -> None:
        self._reads.discard(read)

    def _check(self) -> None:
        now = self._loop.time()
        for read in [read for read in self._reads if read.deadline <= now]:
            self._reads.discard(read)
            read.expired = True
            read.task.cancel()
        self._handle = self._loop.call_later(TICK, self._check) if self._reads else None


# One watch per running loop; a loop that is gone takes its watch with it.
_watches: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Watch] = weakref.WeakKeyDictionary()


async def awaited_before(awaitable: Coroutine[Any, Any, _T], deadline: float) -> _T:
    """Await ``awaitable`` (the server's next chunk); raise `BodyDeadlineExpired` if the loop's
    clock passes ``deadline`` first (within `TICK`).

    A coroutine, not a server awaitable: a server read started and then abandoned because the
    deadline had already passed keeps Granian's connection open (measured over RSGI: the 408
    was sent but the connection never closed). A coroutine that never ran has started no read.
    """
    loop = asyncio.get_running_loop()
    if loop.time() >= deadline:
        awaitable.close()
        raise BodyDeadlineExpired
    task = asyncio.current_task()
    if task is None:  # not in a task (never under a server): nothing to cancel
        return await awaitable
    watch = _watches.get(loop)
    if watch is None:
        watch = _watches[loop] = _Watch(loop)
    read = _Read(deadline, task)
    watch.add(read)
    try:
        return await awaitable
    except asyncio.CancelledError:
        # Ours only when the watch expired this read and nobody else cancelled the task too.
        if read.expired and task.uncancel() == 0:
            raise BodyDeadlineExpired from None
        raise
    finally:
        watch.discard(read)
