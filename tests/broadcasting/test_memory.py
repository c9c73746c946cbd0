"""The memory driver: channels, delivery, exclusion, dropping dead or stuck subscribers."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import orjson
import pytest

from orionis.broadcasting import Broadcaster, BroadcastError, MemoryBroadcaster
from tests.broadcasting.subscribers import Gone, Inbox, Stuck, StuckSocket, Unhashable


async def test_members_count_joins_once_per_subscriber_and_channel() -> None:
    broadcaster = MemoryBroadcaster()
    ada, bob = Inbox("ada"), Inbox("bob")

    await broadcaster.join("room.1", ada)
    await broadcaster.join("room.1", ada)
    await broadcaster.join("room.1", bob)
    await broadcaster.join("room.2", ada)

    assert (broadcaster.members("room.1"), broadcaster.members("room.2")) == (2, 1)
    assert broadcaster.members("room.3") == 0


async def test_leave_removes_one_membership_and_leave_all_every_one() -> None:
    broadcaster = MemoryBroadcaster()
    ada, bob = Inbox("ada"), Inbox("bob")
    for channel in ("room.1", "room.2", "room.3"):
        await broadcaster.join(channel, ada)
    await broadcaster.join("room.1", bob)

    await broadcaster.leave("room.2", ada)
    await broadcaster.leave("room.2", bob)  # not a member: nothing happens
    assert [broadcaster.members(c) for c in ("room.1", "room.2", "room.3")] == [2, 0, 1]

    await broadcaster.leave_all(ada)
    assert [broadcaster.members(c) for c in ("room.1", "room.2", "room.3")] == [1, 0, 0]
    assert await broadcaster.broadcast("room.3", "hello") == 0
    assert await broadcaster.broadcast("room.1", "hello") == 1
    assert ada.received == []
    assert bob.received == [("text", "hello")]


async def test_every_member_receives_text_as_text_and_bytes_as_bytes() -> None:
    broadcaster: Broadcaster = MemoryBroadcaster()
    ada, bob, other = Inbox("ada"), Inbox("bob"), Inbox("other")
    await broadcaster.join("room.1", ada)
    await broadcaster.join("room.1", bob)
    await broadcaster.join("room.2", other)

    assert await broadcaster.broadcast("room.1", "hello") == 2
    assert await broadcaster.broadcast("room.1", b"\x00\x01") == 2
    assert await broadcaster.broadcast("room.1", bytearray(b"ab")) == 2

    expected = [("text", "hello"), ("bytes", b"\x00\x01"), ("bytes", b"ab")]
    assert ada.received == expected
    assert bob.received == expected
    assert other.received == []


async def test_exclude_skips_the_sender_only() -> None:
    broadcaster = MemoryBroadcaster()
    sender, ada, bob = Inbox("sender"), Inbox("ada"), Inbox("bob")
    for member in (sender, ada, bob):
        await broadcaster.join("chat", member)

    delivered = await broadcaster.broadcast("chat", "hi all", exclude=sender)

    assert delivered == 2
    assert sender.received == []
    assert ada.received == bob.received == [("text", "hi all")]


@dataclass
class Post:
    id: int
    title: str


async def test_json_messages_are_serialized_once_and_sent_as_text() -> None:
    broadcaster = MemoryBroadcaster()
    ada, bob = Inbox("ada"), Inbox("bob")
    await broadcaster.join("posts", ada)
    await broadcaster.join("posts", bob)

    await broadcaster.broadcast("posts", {"post": Post(1, "Hello"), "tags": ["a", "b"]})

    (kind, text), (_, same) = ada.received[0], bob.received[0]
    assert kind == "text"
    assert orjson.loads(text) == {"post": {"id": 1, "title": "Hello"}, "tags": ["a", "b"]}
    # One str object for every member: the message was encoded once, not once per member.
    assert text is same


async def test_a_message_json_cannot_encode_is_refused_naming_the_channel() -> None:
    broadcaster = MemoryBroadcaster()
    ada = Inbox()
    await broadcaster.join("posts", ada)

    with pytest.raises(BroadcastError) as caught:
        await broadcaster.broadcast("posts", {"when": object()})

    assert "Cannot broadcast a dict on channel 'posts'" in str(caught.value)
    assert "Send str, bytes" in str(caught.value)
    assert ada.received == []


async def test_a_subscriber_whose_send_fails_is_dropped_and_the_others_are_served() -> None:
    broadcaster = MemoryBroadcaster()
    ada, gone, bob = Inbox("ada"), Gone(), Inbox("bob")
    for member in (ada, gone, bob):
        await broadcaster.join("chat", member)
    await broadcaster.join("alerts", gone)

    assert await broadcaster.broadcast("chat", "first") == 2

    assert ada.received == bob.received == [("text", "first")]
    # Dropped from every channel it was in, so it is never tried again.
    assert (broadcaster.members("chat"), broadcaster.members("alerts")) == (2, 0)
    assert await broadcaster.broadcast("chat", "second") == 2
    assert await broadcaster.broadcast("alerts", "third") == 0
    assert gone.attempts == 1


async def test_a_stuck_subscriber_is_dropped_after_the_send_timeout(
    caplog: pytest.LogCaptureFixture,
) -> None:
    broadcaster = MemoryBroadcaster(send_timeout=0.05)
    ada, stuck = Inbox("ada"), Stuck()
    await broadcaster.join("chat", stuck)
    await broadcaster.join("chat", ada)

    with caplog.at_level(logging.WARNING, logger="orionis"):
        delivered = await broadcaster.broadcast("chat", "hello")

    assert delivered == 1
    assert ada.received == [("text", "hello")]
    assert stuck.cancelled == 1
    assert broadcaster.members("chat") == 1
    assert "Broadcast on 'chat': a subscriber took over 0.05 s" in caplog.text


async def test_a_dropped_subscriber_that_can_be_closed_is_closed_with_1008() -> None:
    broadcaster = MemoryBroadcaster(send_timeout=0.05)
    socket, plain = StuckSocket(), Stuck()
    await broadcaster.join("chat", socket)
    await broadcaster.join("chat", plain)

    assert await broadcaster.broadcast("chat", "hello") == 0

    assert socket.closed_with == (1008, "too slow to receive broadcasts")
    assert broadcaster.members("chat") == 0


class Handshake:
    """Two subscribers whose sends finish only if both are in flight at the same time."""

    def __init__(self) -> None:
        self.first_started = asyncio.Event()
        self.done: list[str] = []

    def first(self) -> Inbox:
        handshake = self

        class First(Inbox):
            async def send_text(self, data: str) -> None:
                handshake.first_started.set()
                await super().send_text(data)
                handshake.done.append("first")

        return First("first")

    def second(self) -> Inbox:
        handshake = self

        class Second(Inbox):
            async def send_text(self, data: str) -> None:
                await handshake.first_started.wait()
                await super().send_text(data)
                handshake.done.append("second")

        return Second("second")


async def test_members_are_sent_to_concurrently() -> None:
    # Second waits for first to start: sent one after the other, second would hit the
    # timeout and be dropped.
    broadcaster = MemoryBroadcaster(send_timeout=5.0)
    handshake = Handshake()
    await broadcaster.join("chat", handshake.second())
    await broadcaster.join("chat", handshake.first())

    assert await broadcaster.broadcast("chat", "hello") == 2
    assert sorted(handshake.done) == ["first", "second"]
    assert broadcaster.members("chat") == 2


async def test_subscribers_need_not_be_hashable() -> None:
    broadcaster = MemoryBroadcaster()
    one, two = Unhashable("same"), Unhashable("same")  # equal, yet two subscribers
    await broadcaster.join("chat", one)
    await broadcaster.join("chat", two)

    assert await broadcaster.broadcast("chat", "hello", exclude=one) == 1
    assert (one.received, two.received) == ([], [("text", "hello")])
    await broadcaster.leave("chat", two)
    assert broadcaster.members("chat") == 1


async def test_close_forgets_every_membership() -> None:
    broadcaster = MemoryBroadcaster()
    ada = Inbox()
    await broadcaster.join("chat", ada)

    await broadcaster.close()

    assert broadcaster.members("chat") == 0
    assert await broadcaster.broadcast("chat", "hello") == 0


@pytest.mark.parametrize("timeout", [0, -1.0])
def test_a_send_timeout_that_is_not_positive_is_refused(timeout: float) -> None:
    with pytest.raises(BroadcastError, match=r"positive number of seconds.*config/broadcasting"):
        MemoryBroadcaster(send_timeout=timeout)
