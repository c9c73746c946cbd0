"""The ``memory`` driver: channels held by one worker process, and local delivery.

The ``redis`` driver builds on it: it keeps the same local channels and adds the fan-out
between workers.
"""

from __future__ import annotations

import asyncio
import logging

import orjson

from orionis.broadcasting.contract import Subscriber
from orionis.broadcasting.errors import BroadcastError

__all__ = ["DEFAULT_SEND_TIMEOUT", "MemoryBroadcaster", "encode_message"]

DEFAULT_SEND_TIMEOUT = 5.0
"""Seconds one subscriber may take to accept one message before it is dropped."""

_log = logging.getLogger("orionis")


def encode_message(channel: str, message: object) -> str | bytes:
    """What goes on the wire: ``str`` and ``bytes`` as they are, anything else as JSON text."""
    if isinstance(message, str | bytes):
        return message
    if isinstance(message, bytearray | memoryview):
        return bytes(message)
    try:
        return orjson.dumps(message).decode()
    except TypeError as error:
        raise BroadcastError(
            f"Cannot broadcast a {type(message).__name__} on channel {channel!r}: {error}. "
            "Send str, bytes, or what orjson serializes (dict, list, dataclass, datetime...)."
        ) from error


class MemoryBroadcaster:
    """Channels of this worker process; a broadcast reaches this process's subscribers.

    Right for one worker and for tests. With several workers (``--workers 4``) or machines,
    use the ``redis`` driver: each worker only knows its own connections.
    """

    def __init__(self, send_timeout: float = DEFAULT_SEND_TIMEOUT) -> None:
        if not send_timeout > 0:
            raise BroadcastError(
                f"The broadcast send timeout must be a positive number of seconds, got "
                f"{send_timeout!r}. Set send_timeout in config/broadcasting.py "
                "(BROADCAST_SEND_TIMEOUT in .env)."
            )
        self.send_timeout = float(send_timeout)
        # Keyed by id(): subscribers need not be hashable, and holding them keeps ids unique.
        self._channels: dict[str, dict[int, Subscriber]] = {}
        self._joined: dict[int, set[str]] = {}

    async def join(self, channel: str, subscriber: Subscriber) -> None:
        """Add ``subscriber`` to ``channel`` (joining twice keeps one membership)."""
        self._add(channel, subscriber)

    async def leave(self, channel: str, subscriber: Subscriber) -> None:
        """Remove ``subscriber`` from ``channel``; nothing happens when it is not a member."""
        self._discard(channel, subscriber)

    async def leave_all(self, subscriber: Subscriber) -> None:
        """Remove ``subscriber`` from every channel."""
        self._discard_all(subscriber)

    async def broadcast(
        self, channel: str, message: object, *, exclude: Subscriber | None = None
    ) -> int:
        """Send ``message`` to the members of ``channel`` but ``exclude``; return how many got it.

        Members are sent to concurrently. One whose send raises or takes longer than
        ``send_timeout`` seconds is removed from every channel and, when it has
        ``close(code, reason)`` (a WebSocket), closed with 1008; the others are still served.
        """
        return await self._deliver(channel, encode_message(channel, message), exclude)

    def members(self, channel: str) -> int:
        """How many subscribers are in ``channel``."""
        members = self._channels.get(channel)
        return len(members) if members else 0

    async def close(self) -> None:
        """Forget every membership (the application calls it at shutdown)."""
        self._channels.clear()
        self._joined.clear()

    # ----------------------------------------------------------------- local channels
    def _add(self, channel: str, subscriber: Subscriber) -> bool:
        """Add a membership; True when ``channel`` had no member before."""
        members = self._channels.get(channel)
        first = not members
        if members is None:
            members = self._channels[channel] = {}
        members[id(subscriber)] = subscriber
        self._joined.setdefault(id(subscriber), set()).add(channel)
        return first

    def _discard(self, channel: str, subscriber: Subscriber) -> bool:
        """Remove a membership; True when that left ``channel`` empty."""
        key = id(subscriber)
        members = self._channels.get(channel)
        if members is None or members.pop(key, None) is None:
            return False
        joined = self._joined.get(key)
        if joined is not None:
            joined.discard(channel)
            if not joined:
                del self._joined[key]
        if members:
            return False
        del self._channels[channel]
        return True

    def _discard_all(self, subscriber: Subscriber) -> list[str]:
        """Remove every membership of ``subscriber``; return the channels left empty."""
        channels = list(self._joined.get(id(subscriber), ()))
        return [channel for channel in channels if self._discard(channel, subscriber)]

    # ----------------------------------------------------------------- delivery
    async def _deliver(self, channel: str, payload: str | bytes, exclude: Subscriber | None) -> int:
        members = self._channels.get(channel)
        if not members:
            return 0
        # A snapshot: members may join or leave while the sends are in flight.
        targets = [member for member in members.values() if member is not exclude]
        if len(targets) == 1:
            sent = [await self._send(channel, targets[0], payload)]
        else:
            sent = await asyncio.gather(*(self._send(channel, m, payload) for m in targets))
        for member, ok in zip(targets, sent, strict=True):
            if not ok:
                await self.leave_all(member)
                await self._close(member)
        return sum(sent)

    async def _close(self, subscriber: Subscriber) -> None:
        """Close a dropped subscriber that can be closed (a WebSocket): left open, it would
        stay connected and silently receive nothing more."""
        close = getattr(subscriber, "close", None)
        if close is None:
            return
        try:
            async with asyncio.timeout(self.send_timeout):
                await close(1008, "too slow to receive broadcasts")
        except Exception as error:  # a client already gone, or too slow even to close
            _log.debug("Closing a dropped subscriber failed (%s: %s).", type(error).__name__, error)

    async def _send(self, channel: str, subscriber: Subscriber, payload: str | bytes) -> bool:
        try:
            async with asyncio.timeout(self.send_timeout):
                if isinstance(payload, str):
                    await subscriber.send_text(payload)
                else:
                    await subscriber.send_bytes(payload)
        except TimeoutError:
            _log.warning(
                "Broadcast on %r: a subscriber took over %s s to accept a message; "
                "it was removed from every channel.",
                channel,
                self.send_timeout,
            )
            return False
        except Exception as error:
            # A client that went away: expected, so not worth more than a debug line.
            _log.debug(
                "Broadcast on %r: sending failed (%s: %s); the subscriber was removed "
                "from every channel.",
                channel,
                type(error).__name__,
                error,
            )
            return False
        return True
