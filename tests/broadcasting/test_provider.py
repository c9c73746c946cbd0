"""The provider: the configured driver, injected into controllers, closed at shutdown."""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import orjson
import pytest

from orionis.broadcasting import Broadcaster, MemoryBroadcaster, make_broadcaster
from orionis.broadcasting.redis import RedisBroadcaster
from orionis.config import ConfigError, unload_environment
from orionis.foundation import BootError
from orionis.foundation.application import Application
from tests.broadcasting.subscribers import Inbox
from tests.support.drivers import Result, call_asgi, call_rsgi

ROUTES = """
from orionis.routing import Route
from tests.broadcasting.controllers import Announcer

Route.post("/rooms/{room}", (Announcer, "announce"))
"""
SKELETON_CONFIG = Path(__file__).resolve().parents[2] / "config" / "broadcasting.py"
JSON = {"content-type": "application/json"}

AppFactory = Callable[..., Awaitable[Application]]
Call = Callable[..., Awaitable[Result]]


@pytest.fixture(params=["rsgi", "asgi"])
def call(request: pytest.FixtureRequest) -> Call:
    """The test runs once through RSGI and once through ASGI."""
    return call_rsgi if request.param == "rsgi" else call_asgi


@pytest.fixture(autouse=True)
def _clean_state() -> Iterator[None]:
    before, path = dict(os.environ), list(sys.path)
    yield
    unload_environment()
    sys.path[:] = path
    for key in set(os.environ) - set(before):
        del os.environ[key]
    os.environ.update(before)


@pytest.fixture
async def make_app(tmp_path: Path) -> AsyncIterator[AppFactory]:
    """``await make_app("one", broadcasting="driver = ...", env="...")``: a project per name."""
    apps: list[Application] = []

    async def build(
        name: str = "app", *, broadcasting: str | None = None, env: str = "", boot: bool = True
    ) -> Application:
        root = tmp_path / name
        (root / "config").mkdir(parents=True)
        (root / "routes").mkdir()
        if broadcasting is not None:
            (root / "config" / "broadcasting.py").write_text(textwrap.dedent(broadcasting))
        (root / "routes" / "web.py").write_text(ROUTES)
        (root / ".env").write_text(textwrap.dedent(env))
        app = Application(base_path=root)
        apps.append(app)
        app.with_routing(web="routes/web.py")
        if boot:
            await app.boot()
        return app

    yield build
    for app in reversed(apps):
        await app.shutdown()


def other_tasks() -> set[asyncio.Task[object]]:
    return {task for task in asyncio.all_tasks() if task is not asyncio.current_task()}


async def test_the_default_driver_is_one_shared_memory_broadcaster(make_app: AppFactory) -> None:
    app = await make_app()

    broadcaster = app.make(Broadcaster)

    assert type(broadcaster) is MemoryBroadcaster
    assert broadcaster is app.make(Broadcaster)
    assert broadcaster.send_timeout == 5.0


async def test_a_controller_gets_the_broadcaster_by_constructor_injection(
    make_app: AppFactory, call: Call
) -> None:
    app = await make_app()
    inbox = Inbox()
    await app.make(Broadcaster).join("room.7", inbox)

    result = await call(app, "POST", "/rooms/7", headers=JSON, body=b'{"text": "hi"}')

    assert result.status == 200, result.text
    assert result.json() == {"delivered": 1}
    [(kind, text)] = inbox.received
    assert (kind, orjson.loads(text)) == ("text", {"room": "7", "text": "hi"})


async def test_with_redis_a_request_to_one_worker_reaches_the_members_of_another(
    make_app: AppFactory, call: Call, redis_url: str, prefix: str
) -> None:
    config = f'driver = "redis"\nredis_url = "{redis_url}"\nprefix = "{prefix}"\n'
    one = await make_app("one", broadcasting=config)
    two = await make_app("two", broadcasting=config)
    assert isinstance(one.make(Broadcaster), RedisBroadcaster)
    inbox = Inbox()
    await two.make(Broadcaster).join("room.7", inbox)

    result = await call(one, "POST", "/rooms/7", headers=JSON, body=b'{"text": "hi"}')

    assert result.json() == {"delivered": 0}  # no member in the worker that answered
    [(kind, text)] = await inbox.wait_for(1)
    assert (kind, orjson.loads(text)) == ("text", {"room": "7", "text": "hi"})

    # Shutdown stops the listener task of each worker and closes their connections.
    assert await one.shutdown() == []
    assert await two.shutdown() == []
    assert other_tasks() == set()
    assert two.make(Broadcaster).members("room.7") == 0


async def test_the_skeleton_config_reads_the_driver_and_redis_url_from_the_environment(
    make_app: AppFactory,
) -> None:
    source = SKELETON_CONFIG.read_text()
    redis_env = """
        BROADCAST_DRIVER=redis
        BROADCAST_REDIS_URL=redis://cache.internal:6380/2
        BROADCAST_SEND_TIMEOUT=2.5
    """
    # Building the broadcaster connects to nothing: an unreachable host boots fine.
    app = await make_app("own", broadcasting=source, env=redis_env)
    broadcaster = app.make(Broadcaster)
    assert isinstance(broadcaster, RedisBroadcaster)
    assert (broadcaster.url, broadcaster.prefix) == (
        "redis://cache.internal:6380/2",
        "orionis_broadcast:",
    )
    assert broadcaster.send_timeout == 2.5

    shared = "BROADCAST_DRIVER=redis\nREDIS_URL=redis://sessions.internal:6379/1\n"
    app = await make_app("shared", broadcasting=source, env=shared)
    broadcaster = app.make(Broadcaster)
    assert isinstance(broadcaster, RedisBroadcaster)
    assert broadcaster.url == "redis://sessions.internal:6379/1"

    app = await make_app("default", broadcasting=source)
    assert type(app.make(Broadcaster)) is MemoryBroadcaster


async def test_an_unknown_driver_stops_the_application_naming_file_key_and_choices(
    make_app: AppFactory,
) -> None:
    with pytest.raises(ConfigError) as caught:
        await make_app(broadcasting='driver = "kafka"\n')

    message = str(caught.value)
    assert "config/broadcasting.py: 'driver' must be one of 'memory', 'redis'" in message
    assert "got str 'kafka'" in message
    assert "Set BROADCAST_DRIVER in .env." in message


def test_make_broadcaster_refuses_an_unknown_driver_too() -> None:
    with pytest.raises(ConfigError) as caught:
        make_broadcaster({"driver": "pusher"})

    assert str(caught.value) == (
        "config/broadcasting.py: 'driver' must be one of 'memory', 'redis', got 'pusher'. "
        "Set BROADCAST_DRIVER in .env."
    )


async def test_a_send_timeout_that_is_not_positive_stops_boot(make_app: AppFactory) -> None:
    with pytest.raises(BootError) as caught:
        await make_app(broadcasting="send_timeout = 0\n")

    assert "BroadcastServiceProvider failed in boot()" in str(caught.value)
    assert "config/broadcasting.py: 'send_timeout' must be a positive number of seconds" in str(
        caught.value
    )
