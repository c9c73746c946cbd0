"""WebSockets end to end: the project of realtime_project.py served by ``reactor serve``
(Granian, RSGI and ASGI, cleartext and TLS with the test CA), driven by the `websockets`
client package; the skeleton's chat in headless Chromium.

What differs between the interfaces is asserted as Granian 2.8.7 does it: over RSGI the
server's close frame carries no code (clients read 1005) and a client's close code does not
reach the application (it reads 1005 too); over ASGI both travel.

The client is websockets' asyncio one: its threaded client reads and writes one TLS socket
from two threads, which can deadlock in the handshake under CPython's ssl module.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, ExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
import redis
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect as connect_blocking

from tests.integration.chromium import FLAGS, Page, chromium_binary, page_socket
from tests.integration.conftest import SKELETON_ENV
from tests.integration.realtime_project import (
    ALLOWED_ORIGIN,
    CLOSE_CODE,
    CLOSE_REASON,
    MAX_MESSAGE_SIZE,
    TOKEN,
    Served,
    serve_realtime,
)
from tests.integration.serve.certificates import Certificates, write_certificates
from tests.support.redis_server import REDIS_URL
from tests.support.servers import HOST, ROOT, free_port, running, server_command

TIMEOUT = 10.0
# How long both workers of the two-worker server get to take a connection each.
WORKERS_DEADLINE = 30.0
SITES = [("rsgi", "ws"), ("rsgi", "wss"), ("asgi", "ws"), ("asgi", "wss")]


class Site:
    """The project served on one interface, and WebSocket clients for it."""

    def __init__(self, served: Served) -> None:
        self.served = served
        self.interface = served.interface

    def connect(self, path: str, **options: Any) -> connect:
        """A client connection: ``async with site.connect("/ws/echo") as socket:``."""
        url = self.served.url(path, "ws")
        return connect(url, ssl=self.served.tls, proxy=None, open_timeout=TIMEOUT, **options)

    async def refusal(self, path: str, **options: Any) -> int:
        """The HTTP status a refused handshake to ``path`` gets."""
        with pytest.raises(InvalidStatus) as refused:
            async with self.connect(path, **options):
                pass
        status: int = refused.value.response.status_code
        return status

    async def wait_for_line(self, line: str) -> None:
        """Until the application wrote ``line`` to its journal (bounded)."""
        await asyncio.to_thread(self.served.wait_for_line, line)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return write_certificates(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module", params=SITES, ids=[f"{i}-{s}" for i, s in SITES])
def site(
    request: pytest.FixtureRequest, pki: Certificates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """The project on one interface, over ws or wss (an HTTP/1.1 upgrade either way)."""
    interface, scheme = request.param
    folder = tmp_path_factory.mktemp(f"{interface}-{scheme}")
    with ExitStack() as servers:
        yield Site(serve_realtime(servers, folder, interface, pki if scheme == "wss" else None))


def tag() -> str:
    """A name for one connection's journal lines."""
    return uuid.uuid4().hex[:12]


async def receive(socket: ClientConnection) -> str | bytes:
    """The next message (bounded)."""
    async with asyncio.timeout(TIMEOUT):
        return await socket.recv()


async def close(socket: ClientConnection, code: int = 1000, reason: str = "") -> None:
    """Close, and wait (bounded) until the server has ended the TCP connection too."""
    socket.close_timeout = None  # wait for the server rather than give up and drop it
    try:
        async with asyncio.timeout(TIMEOUT):
            await socket.close(code, reason)
    except TimeoutError:
        socket.transport.abort()
        raise AssertionError("the server kept the connection open after closing") from None


async def closed_by_server(socket: ClientConnection) -> tuple[int, str]:
    """The code and reason of the close frame the server sends next."""
    with pytest.raises(ConnectionClosed) as closed:
        await receive(socket)
    frame = closed.value.rcvd
    assert frame is not None, "the server dropped the connection without a close frame"
    return frame.code, frame.reason


# ----------------------------------------------------------------------------------- messages


async def test_text_is_echoed(site: Site) -> None:
    async with site.connect("/ws/echo") as socket:
        await socket.send("héllo ✓")

        assert await receive(socket) == "héllo ✓"


async def test_binary_is_echoed(site: Site) -> None:
    async with site.connect("/ws/echo") as socket:
        await socket.send(bytes(range(256)))

        assert await receive(socket) == bytes(range(256))


async def test_json_is_decoded_and_answered(site: Site) -> None:
    async with site.connect("/ws/json") as socket:
        await socket.send('{"numbers": [1, 2.5, null], "name": "Ada"}')

        answer = orjson.loads(await receive(socket))

    assert answer == {
        "echo": {"numbers": [1, 2.5, None], "name": "Ada"},
        "interface": site.interface,
    }


async def test_a_message_at_the_size_limit_is_echoed(site: Site) -> None:
    async with site.connect("/ws/echo") as socket:
        await socket.send(b"x" * MAX_MESSAGE_SIZE)

        assert await receive(socket) == b"x" * MAX_MESSAGE_SIZE


async def test_a_message_over_the_size_limit_closes_with_1009(site: Site) -> None:
    """ASGI: the client reads 1009 and the reason. RSGI: Granian sends the close frame without
    a code, so the client reads 1005; the application still closed with 1009 (its journal)."""
    name = tag()
    async with site.connect(f"/ws/echo?tag={name}") as socket:
        await socket.send("x" * (MAX_MESSAGE_SIZE + 1))

        code, reason = await closed_by_server(socket)

    if site.interface == "asgi":
        assert (code, reason) == (1009, "message too big")
    else:
        assert (code, reason) == (1005, "")
    await site.wait_for_line(f"echo {name} closed 1009")


# ------------------------------------------------------------------------------------ closing


async def test_the_server_closes_with_an_application_code(site: Site) -> None:
    """ASGI carries the code and reason to the client. Granian 2.8.7's RSGI close frame has
    no code: the client reads 1005 (no status received), with no reason."""
    async with site.connect("/ws/close") as socket:
        await socket.send("bye")

        code, reason = await closed_by_server(socket)

    if site.interface == "asgi":
        assert (code, reason) == (CLOSE_CODE, CLOSE_REASON)
    else:
        assert (code, reason) == (1005, "")


async def test_a_client_closing_is_noticed_by_the_application(site: Site) -> None:
    """The disconnect hook runs with the client's code over ASGI; over RSGI the application
    learns that the client closed, but not its code (1005)."""
    name = tag()
    async with site.connect(f"/ws/echo?tag={name}") as socket:
        await socket.send("ping")
        assert await receive(socket) == "ping"
        await close(socket, 4100, "going home")

    await site.wait_for_line(f"echo {name} closed {4100 if site.interface == 'asgi' else 1005}")


async def test_a_client_that_vanishes_is_noticed_by_the_application(site: Site) -> None:
    """The TCP connection ends without a close frame; the disconnect hook still runs. RFC 6455
    names that 1006; Granian's ASGI interface reports 1005, as for a close frame without a
    code."""
    name = tag()
    async with site.connect(f"/ws/echo?tag={name}") as socket:
        await socket.send("ping")
        assert await receive(socket) == "ping"
        socket.transport.abort()

    await site.wait_for_line(f"echo {name} closed {1006 if site.interface == 'rsgi' else 1005}")


# ---------------------------------------------------------------------------------- handshake


async def test_middleware_refuses_a_handshake_with_401(site: Site) -> None:
    assert await site.refusal("/ws/guarded") == 401
    assert await site.refusal("/ws/guarded?token=wrong") == 401

    async with site.connect(f"/ws/guarded?token={TOKEN}") as socket:
        assert await receive(socket) == "welcome"


async def test_abort_before_accept_refuses_with_its_status(site: Site) -> None:
    assert await site.refusal("/ws/admin") == 403


async def test_an_unknown_socket_path_is_404(site: Site) -> None:
    assert await site.refusal("/ws/nowhere") == 404


async def test_plain_http_to_a_socket_path_is_426(site: Site) -> None:
    async with httpx.AsyncClient(verify=site.served.tls or True, timeout=TIMEOUT) as client:
        response = await client.get(site.served.url("/ws/echo"))

    assert response.status_code == 426
    assert response.headers["upgrade"] == "websocket"


async def test_a_page_from_another_site_is_refused_with_403(site: Site) -> None:
    assert await site.refusal("/ws/echo", origin="http://evil.example") == 403
    log = site.served.server.output()
    assert "origin 'http://evil.example' is not the handshake's own" in log


@pytest.mark.parametrize("origin", ["configured", "own"])
async def test_allowed_origins_open_sockets(site: Site, origin: str) -> None:
    sent = ALLOWED_ORIGIN if origin == "configured" else site.served.url("")
    async with site.connect("/ws/echo", origin=sent) as socket:
        await socket.send("from a friend")

        assert await receive(socket) == "from a friend"


# -------------------------------------------------------------------------------- broadcasting


@asynccontextmanager
async def joined(site: Site, room: str, name: str) -> AsyncIterator[tuple[ClientConnection, int]]:
    """A connection to ``room``, once the server has it in the room's channel, and the PID
    of the worker that holds it."""
    async with site.connect(f"/ws/rooms/{room}?tag={name}") as socket:
        welcome = orjson.loads(await receive(socket))
        assert welcome["joined"] == room
        yield socket, welcome["worker"]


@asynccontextmanager
async def join(site: Site, room: str, name: str) -> AsyncIterator[ClientConnection]:
    async with joined(site, room, name) as (socket, _):
        yield socket


async def test_a_broadcast_reaches_the_other_members_of_the_room(site: Site) -> None:
    room, elsewhere = tag(), tag()
    async with (
        join(site, room, "alice") as alice,
        join(site, room, "bob") as bob,
        join(site, room, "carol") as carol,
        join(site, elsewhere, "stranger") as stranger,
        join(site, elsewhere, "witness") as witness,
    ):
        await carol.send("hello from carol")

        assert await receive(alice) == "hello from carol"
        assert await receive(bob) == "hello from carol"

        # Carol (the sender) and the other room never got it: each one's next message is the
        # one sent after it.
        await alice.send("alice here")
        assert await receive(carol) == "alice here"
        await witness.send(b"only for elsewhere")
        assert await receive(stranger) == b"only for elsewhere"


async def test_a_member_that_leaves_is_dropped_from_the_room(site: Site) -> None:
    room = tag()
    async with join(site, room, "stays") as stays:
        async with join(site, room, "leaves") as leaves:
            await leaves.send("bye all")
            assert await receive(stays) == "bye all"
            await close(leaves)

        code = 1000 if site.interface == "asgi" else 1005
        await site.wait_for_line(f"room {room} leaves left {code}")
        async with join(site, room, "joins") as joins:
            await joins.send("who is here?")
            assert await receive(stays) == "who is here?"


@pytest.fixture(scope="module", params=["rsgi", "asgi"])
def workers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """The project with two workers broadcasting through Redis (database 15)."""
    url = reachable_redis()
    interface = request.param
    env = {
        "BROADCAST_DRIVER": "redis",
        "BROADCAST_REDIS_URL": url,
        "BROADCAST_PREFIX": f"test_{uuid.uuid4().hex}:",
    }
    folder = tmp_path_factory.mktemp(f"{interface}-workers")
    with ExitStack() as servers:
        yield Site(serve_realtime(servers, folder, interface, workers=2, env=env))


def reachable_redis() -> str:
    """The test Redis's URL; skipped with the reason when none answers (failed when CI=true)."""
    problem = None
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        problem = f"no Redis answers at {REDIS_URL} ({error}); start redis-server"
    finally:
        client.close()
    if problem is None:
        return REDIS_URL
    if os.environ.get("CI") == "true":
        pytest.fail(f"Redis is required when CI=true: {problem}", pytrace=False)
    pytest.skip(problem)


async def test_with_redis_a_broadcast_reaches_members_held_by_another_worker(
    workers: Site,
) -> None:
    room = tag()
    held: dict[int, ClientConnection] = {}
    async with AsyncExitStack() as connections:
        # The server accepts connections once its first worker listens; the second may still be
        # booting, and the kernel may hand several connections in a row to one worker. So keep
        # connecting (connections stay open) until both workers hold one, within a deadline.
        deadline = time.monotonic() + WORKERS_DEADLINE
        attempts = 0
        while len(held) < 2 and time.monotonic() < deadline and attempts < 200:
            socket, worker = await connections.enter_async_context(joined(workers, room, "m"))
            held.setdefault(worker, socket)
            attempts += 1
            if len(held) < 2:
                await asyncio.sleep(0.1)
        assert len(held) == 2, f"{attempts} connections all went to one worker"
        sender, receiver = held.values()

        await sender.send("across workers")

        assert await receive(receiver) == "across workers"

        # Each worker's first member opened its Redis connections from its own context; the
        # server still ends them (over RSGI, Granian waits until nothing holds the channel).
        for socket in held.values():
            await close(socket)


# ------------------------------------------------------------------------- the skeleton's chat


@pytest.fixture(scope="module")
def chat_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The skeleton served by Granian (RSGI)."""
    log = tmp_path_factory.mktemp("skeleton") / "server.log"
    port = free_port()
    command = server_command("granian-rsgi", "bootstrap:app", port)
    env = {**SKELETON_ENV, "APP_URL": f"http://{HOST}:{port}"}
    with running(command, cwd=ROOT, log=log, port=port, env=env) as server:
        yield server.url


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[tuple[Page, Page]]:
    """Two tabs of one headless Chromium: two people in the chat."""
    binary = chromium_binary()
    port = free_port()
    command = [
        binary,
        *FLAGS,
        f"--remote-debugging-port={port}",
        f"--user-data-dir={tmp_path / 'profile'}",
        "about:blank",
    ]
    with running(command, cwd=tmp_path, log=tmp_path / "chromium.log", port=port):
        first = page_socket(port)
        opened = httpx.put(f"http://{HOST}:{port}/json/new?about:blank", timeout=TIMEOUT)
        second = str(opened.json()["webSocketDebuggerUrl"])
        with (
            connect_blocking(first, max_size=None, proxy=None) as one,
            connect_blocking(second, max_size=None, proxy=None) as two,
        ):
            yield Page(one), Page(two)


def wait_in_page(page: Page, condition: str) -> None:
    """Until the JavaScript ``condition`` holds in ``page`` (bounded)."""
    deadline = time.monotonic() + TIMEOUT
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"{condition} did not hold within {TIMEOUT:g} s"
        time.sleep(0.05)


def test_two_browser_tabs_chat_in_the_lobby(chat_site: str, browser: tuple[Page, Page]) -> None:
    ada, bob = browser
    for page in browser:
        page.navigate(f"{chat_site}/chat/lobby")
        wait_in_page(page, "document.getElementById('chat-status').textContent === 'Connected.'")

    ada.evaluate(
        "const f = document.getElementById('chat-form');"
        "f.elements.name.value = 'Ada'; f.elements.text.value = '<b>hi</b> Bob';"
        "f.querySelector('button').click(); true"
    )

    shown = "document.querySelector('#messages li')?.textContent"
    wait_in_page(bob, f"{shown} === 'Ada: <b>hi</b> Bob'")
    assert bob.evaluate("document.querySelector('#messages b')") is None
    wait_in_page(ada, f"{shown} === 'Ada: <b>hi</b> Bob'")
