"""Per-request isolation: concurrent requests never see each other's scoped services (real
Granian, both interfaces), scoped instances die with their request, and no singleton or
container instance keeps a Request alive (in process, both kernels)."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from orionis.foundation.application import Application
from orionis.http import Request
from orionis.testing.client import TestClient
from tests.integration.serve.reactor import Reactor
from tests.security.hostile_clients import booted_hostile_app, reactors, write_hostile_project

REQUESTS = 2000
CONCURRENCY = 200
KEEPALIVE_EXPIRY = 2.0
"""Seconds the client keeps an idle pooled connection. The server closes idle keep-alive
connections after 5 s (the header read timeout of ``serve``); a pool that keeps them just as
long (httpx's default) sometimes sends a request down a connection in the very moment the
server closes it, which ends as "Server disconnected without sending a response"."""


@pytest.fixture
def reactor(tmp_path: Path) -> Iterator[Reactor]:
    yield from reactors(tmp_path)


@pytest.mark.parametrize("interface", ["rsgi", "asgi"])
def test_concurrent_requests_never_mix_their_scoped_services(
    reactor: Reactor, tmp_path: Path, interface: str
) -> None:
    project = write_hostile_project(tmp_path / "project")
    server = reactor(project, "--interface", interface)

    answers = asyncio.run(_tags(server.url))

    mixed = [(sent, got) for sent, got in answers if got != {"constructor": sent, "action": sent}]
    assert len(answers) == REQUESTS
    assert mixed == [], f"{len(mixed)} mix-ups, e.g. {mixed[:3]}"


async def _tags(url: str) -> list[tuple[str, Any]]:
    limits = httpx.Limits(
        max_connections=CONCURRENCY,
        max_keepalive_connections=CONCURRENCY,
        keepalive_expiry=KEEPALIVE_EXPIRY,
    )
    gate = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:

        async def one(number: int) -> tuple[str, Any]:
            sent = f"request-{number}"
            async with gate:
                response = await client.get("/tag", params={"id": sent})
            assert "x-mixed" not in response.headers, response.headers
            return sent, response.json()

        return await asyncio.gather(*(one(number) for number in range(REQUESTS)))


@pytest.fixture
async def hostile_app(tmp_path: Path) -> AsyncIterator[Application]:
    async with booted_hostile_app(tmp_path / "project") as application:
        yield application


def _tag_class(app: Application) -> type:
    # The project's own RequestTag class (imported from the project's app package).
    from app.tag import RequestTag  # type: ignore[import-not-found]

    tag: type = RequestTag
    return tag


@pytest.mark.parametrize("kernel", ["rsgi", "asgi"])
async def test_scoped_instances_are_freed_after_the_request(
    hostile_app: Application, kernel: str
) -> None:
    tag_class = _tag_class(hostile_app)
    created: list[weakref.ref[Any]] = []
    original_init = tag_class.__init__

    def tracked(self: Any) -> None:
        original_init(self)
        created.append(weakref.ref(self))

    tag_class.__init__ = tracked
    try:
        async with TestClient(hostile_app, kernel=kernel) as client:
            responses = await asyncio.gather(
                *(client.get(f"/tag?id=n{number}") for number in range(50))
            )
    finally:
        tag_class.__init__ = original_init
    gc.collect()

    assert [response.json()["action"] for response in responses] == [
        f"n{number}" for number in range(50)
    ]
    assert len(created) == 50  # one per request: the scope's instance, shared within it
    assert [ref for ref in created if ref() is not None] == []


@pytest.mark.parametrize("kernel", ["rsgi", "asgi"])
async def test_no_singleton_or_instance_keeps_a_request(
    hostile_app: Application, kernel: str
) -> None:
    # Requests other tests left alive (a kept traceback, say) are not this test's concern.
    gc.collect()
    earlier = {id(obj) for obj in gc.get_objects() if isinstance(obj, Request)}
    async with TestClient(hostile_app, kernel=kernel) as client:
        for number in range(20):
            assert (await client.get(f"/tag?id=n{number}")).status == 200
        assert (await client.get("/in-flight")).status == 200
    gc.collect()

    live = [obj for obj in gc.get_objects() if isinstance(obj, Request) and id(obj) not in earlier]
    holders = [
        type(referrer).__name__
        for request in live
        for referrer in gc.get_referrers(request)
        if referrer is not live
    ]
    assert live == [], f"{len(live)} requests still alive, held by {holders}"
