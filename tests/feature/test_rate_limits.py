"""The skeleton's API is rate limited: the `api` group's "throttle:60,1"."""

from __future__ import annotations

import pytest

from orionis import Application
from orionis.cache import Clock, FrozenClock
from orionis.testing import TestClient


@pytest.mark.kernels("rsgi", "asgi")
async def test_sixty_api_requests_a_minute_are_allowed(
    app: Application, client: TestClient
) -> None:
    clock = app.swap(Clock, FrozenClock())
    for _ in range(60):
        (await client.get("/api/users")).assert_ok().assert_header("X-RateLimit-Limit", "60")

    refused = await client.get("/api/users", headers={"accept": "application/json"})

    refused.assert_status(429).assert_header("Retry-After", "60")
    refused.assert_exact_json({"message": "Too Many Requests"})
    clock.advance(60)
    (await client.get("/api/users")).assert_ok().assert_header("X-RateLimit-Remaining", "59")


async def test_web_pages_are_not_throttled(client: TestClient) -> None:
    (await client.get("/")).assert_ok().assert_header_missing("X-RateLimit-Limit")
