"""The redis driver: two broadcasters on one Redis stand for two workers of one application."""

from __future__ import annotations

import asyncio
import contextvars
import os
import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager

import orjson
import pytest
from redis.asyncio import Redis

from orionis.broadcasting import BroadcastError
from orionis.broadcasting.redis import RedisBroadcaster
from tests.broadcasting.subscribers import WAIT, Failing, Gone, Inbox

Workers = tuple[RedisBroadcaster, RedisBroadcaster]
LISTENER = "orionis broadcast listener"


@pytest.fixture
async def workers(redis_url: str, prefix: str) -> AsyncIterator[Workers]:
    one, two = RedisBroadcaster(redis_url, prefix), RedisBroadcaster(redis_url, prefix)
    try:
        yield one, two
    finally:
        await one.close()
        await two.close()


async def subscribed_workers(redis_url: str, key: str) -> int:
    """How many connections Redis has subscribed to ``key`` (PUBSUB NUMSUB)."""
    client = Redis.from_url(redis_url)
    try:
        [(_, count)] = await client.pubsub_numsub(key)
        return int(count)
    finally:
        await client.aclose()


async def eventually(check: Callable[[], Awaitable[bool]]) -> None:
    """Wait until ``check()`` holds: an UNSUBSCRIBE is sent without waiting for Redis."""
    async with asyncio.timeout(WAIT):
        # Polling the server: no event of this process says when Redis processed it.
        while not await check():  # noqa: ASYNC110
            await asyncio.sleep(0.01)


def other_tasks() -> set[asyncio.Task[object]]:
    return {task for task in asyncio.all_tasks() if task is not asyncio.current_task()}


async def test_a_broadcast_reaches_the_members_of_every_worker(workers: Workers) -> None:
    one, two = workers
    ada, bob, cy = Inbox("ada"), Inbox("bob"), Inbox("cy")
    await one.join("room", ada)
    await two.join("room", bob)
    await two.join("room", cy)

    assert await one.broadcast("room", "hello") == 1  # local deliveries: ada
    assert await bob.wait_for(1) == await cy.wait_for(1) == [("text", "hello")]

    assert await two.broadcast("room", b"\x00\xff") == 2
    assert await ada.wait_for(2) == [("text", "hello"), ("bytes", b"\x00\xff")]

    assert await two.broadcast("room", {"n": 1}) == 2
    kind, text = (await ada.wait_for(3))[2]
    assert (kind, orjson.loads(text)) == ("text", {"n": 1})

    # A worker skips its own copy from Redis: a last message shows nothing arrived twice.
    await one.broadcast("room", "last")
    expected = ["hello", b"\x00\xff", '{"n":1}', "last"]
    for inbox in (ada, bob, cy):
        await inbox.wait_for(4)
        assert inbox.texts() == expected


async def test_exclude_works_whichever_worker_broadcasts(workers: Workers) -> None:
    one, two = workers
    sender, ada, bob = Inbox("sender"), Inbox("ada"), Inbox("bob")
    await one.join("chat", sender)
    await one.join("chat", ada)
    await two.join("chat", bob)

    assert await one.broadcast("chat", "hi", exclude=sender) == 1
    assert await two.broadcast("chat", "bye", exclude=bob) == 0
    await one.broadcast("chat", "marker")

    # Redis delivers in publish order: anything wrongly sent would arrive before "marker".
    assert [d for _, d in await sender.wait_for(2)] == ["bye", "marker"]
    assert [d for _, d in await ada.wait_for(3)] == ["hi", "bye", "marker"]
    assert [d for _, d in await bob.wait_for(2)] == ["hi", "marker"]
    assert len(sender.received) == 2
    assert len(ada.received) == 3


async def test_a_worker_is_subscribed_while_it_holds_a_member(
    workers: Workers, redis_url: str, prefix: str
) -> None:
    one, two = workers
    ada, bob, cy = Inbox("ada"), Inbox("bob"), Inbox("cy")
    key = f"{prefix}room"
    await one.join("room", ada)
    await one.join("room", bob)
    await two.join("room", cy)
    assert await subscribed_workers(redis_url, key) == 2

    await one.leave("room", ada)
    assert await subscribed_workers(redis_url, key) == 2
    await one.leave("room", bob)
    await eventually(lambda: _equals(subscribed_workers(redis_url, key), 1))
    await two.leave_all(cy)
    await eventually(lambda: _equals(subscribed_workers(redis_url, key), 0))

    # Joining again subscribes again.
    await two.join("room", cy)
    assert await one.broadcast("room", "back") == 0
    assert await cy.wait_for(1) == [("text", "back")]


async def _equals(value: Awaitable[int], expected: int) -> bool:
    return await value == expected


async def test_concurrent_first_joins_of_a_channel_both_receive(
    workers: Workers, redis_url: str, prefix: str
) -> None:
    one, two = workers
    ada, bob = Inbox("ada"), Inbox("bob")

    await asyncio.gather(two.join("news", ada), two.join("news", bob))

    assert await subscribed_workers(redis_url, f"{prefix}news") == 1
    await one.broadcast("news", "extra")
    assert await ada.wait_for(1) == await bob.wait_for(1) == [("text", "extra")]


async def test_a_gone_subscriber_of_the_receiving_worker_is_dropped(workers: Workers) -> None:
    one, two = workers
    gone, bob = Gone(), Inbox("bob")
    await two.join("chat", gone)
    await two.join("chat", bob)

    await one.broadcast("chat", "first")
    await one.broadcast("chat", "second")

    assert [d for _, d in await bob.wait_for(2)] == ["first", "second"]
    assert two.members("chat") == 1
    assert gone.attempts == 1


async def test_a_join_completes_while_the_listener_drops_a_member_of_the_last_channel(
    workers: Workers, redis_url: str, prefix: str
) -> None:
    one, two = workers
    failing, ada = Failing(), Inbox("ada")
    await two.join("old", failing)
    await one.broadcast("old", "x")
    await asyncio.wait_for(failing.sending.wait(), WAIT)  # two's listener is delivering

    # A join of a new channel needs the listener to read Redis's confirmation; dropping the
    # failing member leaves "old" empty, and unsubscribing must not wait for that join.
    joining = asyncio.ensure_future(two.join("new", ada))
    await eventually(lambda: _equals(subscribed_workers(redis_url, f"{prefix}new"), 1))
    failing.release.set()
    await asyncio.wait_for(joining, WAIT)

    assert (two.members("old"), two.members("new")) == (0, 1)
    await one.broadcast("new", "welcome")
    assert await ada.wait_for(1) == [("text", "welcome")]
    await eventually(lambda: _equals(subscribed_workers(redis_url, f"{prefix}old"), 0))


async def test_close_stops_the_listener_and_leaves_no_task(redis_url: str, prefix: str) -> None:
    broadcaster = RedisBroadcaster(redis_url, prefix)
    ada = Inbox("ada")
    await broadcaster.join("chat", ada)
    assert [task.get_name() for task in other_tasks()] == [LISTENER]

    await broadcaster.close()

    assert other_tasks() == set()
    assert broadcaster.members("chat") == 0
    await eventually(lambda: _equals(subscribed_workers(redis_url, f"{prefix}chat"), 0))

    # Usable again: it reconnects and starts a new listener on the next join.
    sender = RedisBroadcaster(redis_url, prefix)
    try:
        await broadcaster.join("chat", ada)
        await sender.broadcast("chat", "again")
        assert await ada.wait_for(1) == [("text", "again")]
    finally:
        await broadcaster.close()
        await sender.close()
    assert other_tasks() == set()


_CONNECTION: contextvars.ContextVar[str] = contextvars.ContextVar("connection")


async def test_the_listener_runs_outside_the_context_that_started_it(
    redis_url: str, prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first join starts the listener from inside one connection. A copy of that
    # connection's context in the worker-wide task would keep its request scope alive as
    # long as the worker runs; over RSGI, Granian then never ends that connection.
    broadcaster = RedisBroadcaster(redis_url, prefix)
    seen: list[str | None] = []
    listen = broadcaster._listen

    async def recording_listen(pubsub: object) -> None:
        seen.append(_CONNECTION.get(None))
        await listen(pubsub)  # type: ignore[arg-type]

    monkeypatch.setattr(broadcaster, "_listen", recording_listen)

    async def connection() -> None:
        _CONNECTION.set("ada's connection")
        await broadcaster.join("chat", Inbox("ada"))

    try:
        await asyncio.create_task(connection())

        assert [task.get_name() for task in other_tasks()] == [LISTENER]
        assert seen == [None]
    finally:
        await broadcaster.close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_an_unreachable_redis_is_named_with_the_fix_and_no_password() -> None:
    url = f"redis://:hunter2@127.0.0.1:{_closed_port()}/0"
    broadcaster = RedisBroadcaster(url)
    ada = Inbox()
    try:
        with pytest.raises(BroadcastError) as joined:
            await broadcaster.join("chat", ada)
        with pytest.raises(BroadcastError) as sent:
            await broadcaster.broadcast("chat", "hello")
    finally:
        await broadcaster.close()

    for error in (joined.value, sent.value):
        message = str(error)
        assert message.startswith(f"Cannot reach Redis at {url.replace('hunter2', '***')}")
        assert "BROADCAST_REDIS_URL" in message
        assert "BROADCAST_DRIVER=memory" in message
        assert "hunter2" not in message
    assert broadcaster.members("chat") == 0
    assert other_tasks() == set()


@contextmanager
def redis_process(port: int) -> Iterator[subprocess.Popen[bytes]]:
    """A private redis-server on ``port``, stopped by its PID on exit."""
    binary = shutil.which("redis-server")
    if binary is None:
        reason = "redis-server is not installed: the restart test runs its own"
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required when CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    command = [
        binary,
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_accepting(port, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_accepting(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(400):
        if process.poll() is not None:
            pytest.fail(f"redis-server exited with status {process.returncode}", pytrace=False)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.025)
    pytest.fail(f"redis-server did not accept connections on port {port}", pytrace=False)


async def test_the_listener_subscribes_again_when_redis_comes_back() -> None:
    port = _closed_port()
    url = f"redis://127.0.0.1:{port}/0"
    one, two = RedisBroadcaster(url), RedisBroadcaster(url)
    ada = Inbox("ada")
    try:
        with redis_process(port):
            await two.join("chat", ada)
            await one.broadcast("chat", "before")
            assert await ada.wait_for(1) == [("text", "before")]
        with pytest.raises(BroadcastError, match="Cannot reach Redis"):
            await one.broadcast("chat", "while down")
        with redis_process(port):
            # Pub/sub delivers at most once: what is published before two's listener has
            # subscribed again is lost, so send until a message gets through.
            async def delivered() -> bool:
                await one.broadcast("chat", "after")
                await asyncio.sleep(0.05)
                return len(ada.received) > 1

            await eventually(delivered)
            assert ada.texts()[1] == "after"
            assert two.members("chat") == 1
    finally:
        await one.close()
        await two.close()
    assert other_tasks() == set()
