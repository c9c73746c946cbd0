"""The Redis that tests of Redis-backed drivers use: 127.0.0.1:6379 (database 15), skipped
with the reason when none answers, never skipped when CI=true.

Import the fixtures into a conftest: ``from tests.support.redis_server import prefix, redis_url``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import pytest

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
async def redis_url() -> AsyncIterator[str]:
    """The URL of a reachable Redis (database 15), emptied of this test's keys afterwards."""
    try:
        import redis.asyncio as redis
    except ImportError:
        _unavailable("the `redis` package is not installed (pip install redis)")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except Exception as error:
        await client.aclose()
        _unavailable(f"no Redis answers at {REDIS_URL} ({error}); start redis-server")
    yield REDIS_URL
    await client.aclose()


@pytest.fixture
def prefix() -> str:
    """A key prefix of this test only."""
    return f"test_{uuid.uuid4().hex}:"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"Redis is required when CI=true: {reason}", pytrace=False)
    pytest.skip(reason)
