"""The cache in an application: config/cache.py, the Clock binding, shutdown."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from orionis.cache import CacheManager, CacheRepository, Clock, FrozenClock, MemoryStore
from orionis.cache.redis_store import RedisStore
from orionis.config import unload_environment
from orionis.foundation.application import Application
from orionis.support.errors import OrionisError

AppFactory = Callable[[str], Awaitable[Application]]


@pytest.fixture(autouse=True)
def _clean_state() -> Iterator[None]:
    before, path = dict(os.environ), list(sys.path)
    yield
    unload_environment()
    sys.path[:] = path
    os.environ.clear()
    os.environ.update(before)


@pytest.fixture
async def make_app(tmp_path: Path) -> AsyncIterator[AppFactory]:
    """``await make_app('driver = "memory"')``: a booted app with that config/cache.py."""
    apps: list[Application] = []

    async def build(cache_config: str) -> Application:
        config = tmp_path / "config"
        config.mkdir(exist_ok=True)
        (config / "cache.py").write_text(textwrap.dedent(cache_config))
        app = Application(base_path=tmp_path)
        apps.append(app)
        await app.boot()
        return app

    yield build
    for app in reversed(apps):
        await app.shutdown()


async def test_the_default_repository_uses_the_configured_driver(make_app: AppFactory) -> None:
    app = await make_app('driver = "memory"\n')
    cache = app.make(CacheRepository)
    assert isinstance(cache.store, MemoryStore)
    assert cache is app.make(CacheManager).store()
    await cache.put("k", "v")
    assert await app.make(CacheRepository).get("k") == "v"


async def test_without_config_the_driver_is_memory(make_app: AppFactory) -> None:
    app = await make_app("")
    assert app.config.get("cache.driver") == "memory"
    assert isinstance(app.make(CacheRepository).store, MemoryStore)


async def test_the_redis_driver_takes_url_and_prefix(
    make_app: AppFactory, redis_url: str, prefix: str
) -> None:
    app = await make_app(f'driver = "redis"\nredis_url = "{redis_url}"\nprefix = "{prefix}"\n')
    cache = app.make(CacheRepository)
    store = cache.store
    assert isinstance(store, RedisStore)
    assert (store.url, store.prefix) == (redis_url, prefix)
    await cache.put("k", 1)
    await cache.flush()
    await app.shutdown()
    assert store._client is None  # closed at shutdown


async def test_a_clock_swapped_before_first_use_drives_expiry(make_app: AppFactory) -> None:
    app = await make_app('driver = "memory"\n')
    clock = app.swap(Clock, FrozenClock())
    cache = app.make(CacheRepository)
    await cache.put("k", "v", 10)
    clock.advance(10)
    assert await cache.get("k") is None


async def test_a_wrong_driver_stops_boot_with_the_allowed_values(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "cache.py").write_text('driver = "file"\n')
    with pytest.raises(OrionisError) as raised:
        Application(base_path=tmp_path)
    assert str(raised.value) == (
        "config/cache.py: 'driver' must be one of 'memory', 'redis', got str 'file'. "
        "Set CACHE_DRIVER in .env."
    )
