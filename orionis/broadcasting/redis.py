"""The ``redis`` driver: channels shared by every worker and machine through Redis pub/sub.

Each worker keeps its own members, as the memory driver does, and is subscribed to the Redis
channel ``prefix + name`` while it holds at least one member of it. A broadcast is published
once and delivered to the sending worker's members right away; every other worker's listener
delivers it to its members. A published message starts with the id of the worker that sent
it, so that worker skips its own copy: its members, and the subscriber ``exclude`` named
(which can only live in the worker that holds it), were served already.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import deque
from collections.abc import Iterable
from contextvars import Context
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from orionis.broadcasting.contract import Subscriber
from orionis.broadcasting.errors import BroadcastError
from orionis.broadcasting.memory import DEFAULT_SEND_TIMEOUT, MemoryBroadcaster, encode_message

__all__ = ["DEFAULT_PREFIX", "RedisBroadcaster"]

DEFAULT_PREFIX = "orionis_broadcast:"
"""What the Redis channel names start with, so that several applications can share a server."""

_log = logging.getLogger("orionis")

_ORIGIN_SIZE = 16  # a uuid4, in bytes
_TEXT, _BINARY = b"t", b"b"
_HEADER_SIZE = _ORIGIN_SIZE + 1
# Seconds Redis has to confirm a SUBSCRIBE (plus the send timeout: the listener that reads the
# confirmation may be busy delivering), and the bounds of the listener's reconnect delay.
_CONFIRM_TIMEOUT = 10.0
_CONNECT_TIMEOUT = 5.0
_RETRY_FIRST, _RETRY_MAX = 0.1, 5.0


class RedisBroadcaster(MemoryBroadcaster):
    """Broadcasts that reach the members held by every worker connected to one Redis.

    Nothing connects until the first ``join`` or ``broadcast``; the listener task starts with
    the first ``join``, inside the running loop, and ``close()`` (run at shutdown) stops it.
    """

    def __init__(
        self,
        url: str,
        prefix: str = DEFAULT_PREFIX,
        send_timeout: float = DEFAULT_SEND_TIMEOUT,
    ) -> None:
        super().__init__(send_timeout)
        self.url = url
        self.prefix = prefix
        self.origin = uuid.uuid4().bytes
        self._client: Redis | None = None
        self._pubsub: PubSub | None = None
        self._listener: asyncio.Task[None] | None = None
        # Channels a SUBSCRIBE was sent for (and no UNSUBSCRIBE since), decided synchronously so
        # that concurrent joins and leaves agree; the lock keeps the commands in that order.
        self._subscribed: set[str] = set()
        self._writes = asyncio.Lock()
        # Redis confirms each SUBSCRIBE in order: one waiter per command in flight, per key.
        self._confirmations: dict[bytes, deque[asyncio.Future[None]]] = {}
        self._confirm_timeout = _CONFIRM_TIMEOUT + self.send_timeout

    @property
    def client(self) -> Redis:
        """The asyncio client that publishes (connections are made on first use)."""
        if self._client is None:
            self._client = Redis.from_url(self.url, socket_connect_timeout=_CONNECT_TIMEOUT)
        return self._client

    async def join(self, channel: str, subscriber: Subscriber) -> None:
        """Add ``subscriber`` to ``channel``; on return, broadcasts from every worker reach it.

        Raises ``BroadcastError`` (and the subscriber is not a member) when Redis cannot be
        reached.
        """
        self._add(channel, subscriber)
        try:
            await self._subscribe(channel)
        except BaseException:
            await self.leave(channel, subscriber)
            raise

    async def leave(self, channel: str, subscriber: Subscriber) -> None:
        """Remove ``subscriber`` from ``channel`` (the last one out unsubscribes the worker)."""
        if self._discard(channel, subscriber):
            await self._unsubscribe([channel])

    async def leave_all(self, subscriber: Subscriber) -> None:
        """Remove ``subscriber`` from every channel."""
        emptied = self._discard_all(subscriber)
        if emptied:
            await self._unsubscribe(emptied)

    async def broadcast(
        self, channel: str, message: object, *, exclude: Subscriber | None = None
    ) -> int:
        """Publish ``message`` to every worker, deliver it to this one's members but
        ``exclude``, and return how many members of this worker received it.

        Raises ``BroadcastError`` when Redis cannot be reached.
        """
        payload = encode_message(channel, message)
        await self._publish(channel, payload)
        return await self._deliver(channel, payload, exclude)

    async def close(self) -> None:
        """Stop the listener, close the connections and forget every membership.

        The broadcaster can be used again afterwards: it reconnects on the next call.
        """
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.cancel()
            # wait() rather than awaiting the task: a cancellation of close() itself propagates.
            await asyncio.wait({listener})
        pubsub, self._pubsub = self._pubsub, None
        if pubsub is not None:
            await pubsub.aclose()  # type: ignore[no-untyped-call]
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()
        self._subscribed.clear()
        self._writes = asyncio.Lock()
        self._fail_waiters(
            BroadcastError("The broadcaster was closed (application shutdown) during a join.")
        )
        await super().close()

    # ----------------------------------------------------------------- subscriptions
    def _key(self, channel: str) -> bytes:
        return (self.prefix + channel).encode()

    async def _subscribe(self, channel: str) -> None:
        key = self._key(channel)
        if channel in self._subscribed:
            pending = self._confirmations.get(key)
            if pending:
                await self._confirmed(pending[-1])
            return
        self._subscribed.add(channel)
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._confirmations.setdefault(key, deque()).append(waiter)
        try:
            async with self._writes:
                pubsub = self._pubsub = self._pubsub or self.client.pubsub()
                await pubsub.subscribe(key)
                self._start_listener(pubsub)
        except (RedisError, OSError) as error:
            self._subscribed.discard(channel)
            self._drop_waiter(key, waiter)
            failure = self._unreachable(error)
            waiter.set_exception(failure)
            waiter.exception()  # retrieved: concurrent joiners may not be there to see it
            raise failure from error
        await self._confirmed(waiter)

    async def _confirmed(self, waiter: asyncio.Future[None]) -> None:
        # Shielded: a joiner that gives up must not cancel the waiter others share.
        try:
            async with asyncio.timeout(self._confirm_timeout):
                await asyncio.shield(waiter)
        except TimeoutError as error:
            raise self._unreachable(error) from error

    def _drop_waiter(self, key: bytes, waiter: asyncio.Future[None]) -> None:
        pending = self._confirmations.get(key)
        if pending is not None and waiter in pending:
            pending.remove(waiter)
            if not pending:
                del self._confirmations[key]

    async def _unsubscribe(self, channels: Iterable[str]) -> None:
        # Never waits for Redis to answer: the listener calls this while dropping members.
        gone = [channel for channel in channels if channel in self._subscribed]
        if not gone:
            return
        self._subscribed.difference_update(gone)
        async with self._writes:
            await self._send_unsubscribe([self._key(channel) for channel in gone])

    async def _send_unsubscribe(self, keys: list[bytes]) -> None:
        if self._pubsub is None:
            return
        try:
            await self._pubsub.unsubscribe(*keys)
        except (RedisError, OSError) as error:
            # Leaving succeeded here; a stale subscription only brings messages nobody takes.
            _log.warning("Broadcasting could not unsubscribe from Redis: %s", error)

    async def _publish(self, channel: str, payload: str | bytes) -> None:
        kind, body = (_TEXT, payload.encode()) if isinstance(payload, str) else (_BINARY, payload)
        try:
            await self.client.publish(self._key(channel), self.origin + kind + body)
        except (RedisError, OSError) as error:
            raise self._unreachable(error) from error

    def _unreachable(self, error: BaseException) -> BroadcastError:
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        return BroadcastError(
            f"Cannot reach Redis at {_display_url(self.url)} for broadcasting ({detail}). "
            "Start Redis there, or point redis_url in config/broadcasting.py "
            "(BROADCAST_REDIS_URL in .env) at a running server. With a single worker, "
            "BROADCAST_DRIVER=memory needs no Redis."
        )

    # ----------------------------------------------------------------- listener
    def _start_listener(self, pubsub: PubSub) -> None:
        if self._listener is None or self._listener.done():
            # A fresh context: the join that starts this worker-wide task runs in one
            # connection's, and a copy would keep that connection's request scope (its
            # WebSocket among it) alive as long as the worker; Granian's RSGI interface does
            # not even end a connection whose transport is still referenced.
            self._listener = asyncio.get_running_loop().create_task(
                self._listen(pubsub), name="orionis broadcast listener", context=Context()
            )

    async def _listen(self, pubsub: PubSub) -> None:
        delay = 0.0
        while True:
            try:
                message = await pubsub.get_message(timeout=None)
            except (RedisError, OSError) as error:
                delay = min(delay * 2, _RETRY_MAX) if delay else _RETRY_FIRST
                self._fail_waiters(self._unreachable(error))
                _log.warning(
                    "Broadcasting lost Redis at %s (%s); retrying in %s s. Broadcasts from "
                    "other workers are missed until it answers again.",
                    _display_url(self.url),
                    error,
                    delay,
                )
                # redis-py reconnects and subscribes again to every channel on the next read.
                await asyncio.sleep(delay)
                continue
            if delay:
                delay = 0.0
                _log.warning("Broadcasting reached Redis at %s again.", _display_url(self.url))
            if message is not None:
                await self._handle(message)

    def _fail_waiters(self, failure: BroadcastError) -> None:
        # Commands in flight on a lost connection are never confirmed; redis-py subscribes
        # again on reconnecting, and those confirmations then find no waiter.
        confirmations, self._confirmations = self._confirmations, {}
        for waiter in (w for pending in confirmations.values() for w in pending):
            if not waiter.done():
                waiter.set_exception(failure)
                waiter.exception()  # retrieved, whether or not a joiner still waits

    async def _handle(self, message: dict[str, Any]) -> None:
        try:
            kind = message["type"]
            if kind == "message":
                await self._receive(message["channel"], message["data"])
            elif kind == "subscribe":
                self._confirm(message["channel"])
        except Exception:
            # One bad message (another program publishing under our prefix) must not stop
            # the listener, or this worker would silently stop receiving broadcasts.
            _log.exception("Broadcasting could not handle a Redis message")

    def _confirm(self, key: bytes) -> None:
        pending = self._confirmations.get(key)
        if not pending:
            return
        waiter = pending.popleft()
        if not pending:
            del self._confirmations[key]
        if not waiter.done():
            waiter.set_result(None)

    async def _receive(self, key: bytes, data: bytes) -> None:
        if len(data) < _HEADER_SIZE or data[:_ORIGIN_SIZE] == self.origin:
            return
        kind, body = data[_ORIGIN_SIZE:_HEADER_SIZE], data[_HEADER_SIZE:]
        channel = key.decode().removeprefix(self.prefix)
        if kind == _TEXT:
            await self._deliver(channel, body.decode(), None)
        elif kind == _BINARY:
            await self._deliver(channel, body, None)


def _display_url(url: str) -> str:
    """``url`` with its password masked, for messages and logs."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))
