"""The drivers: what they store, expiry, and no lost writes between concurrent requests."""

from __future__ import annotations

import asyncio
import base64
import time
from pathlib import Path

import pytest

from orionis.encryption import Encrypter
from orionis.session import ServerSessionHandler, Session, SessionHandler
from orionis.session.cookie_handler import CookieSessionHandler
from orionis.session.file_handler import FileSessionHandler
from orionis.session.memory_handler import MemorySessionHandler

ENCRYPTER = Encrypter(bytes(range(32)))


async def _concurrent_writes_merge(handler: ServerSessionHandler) -> None:
    first = await handler.load(None)
    first.put("shared", 0)
    session_id = await handler.save(first)
    # Two requests load the same session, change different keys, save in turn.
    one, two = await asyncio.gather(handler.load(session_id), handler.load(session_id))
    one.put("cart", [1])
    two.put("theme", "dark")
    two.forget("shared")
    await asyncio.gather(handler.save(one), handler.save(two))
    final = await handler.load(session_id)
    assert final.all() == {"cart": [1], "theme": "dark"}


async def test_memory_driver_merges_concurrent_writes() -> None:
    await _concurrent_writes_merge(MemorySessionHandler(60))


async def test_file_driver_merges_concurrent_writes(tmp_path: Path) -> None:
    await _concurrent_writes_merge(FileSessionHandler(tmp_path, 60))


async def test_redis_driver_merges_concurrent_writes(redis_url: str, prefix: str) -> None:
    from orionis.session.redis_handler import RedisSessionHandler

    handler = RedisSessionHandler(redis_url, 60, prefix)
    try:
        await _concurrent_writes_merge(handler)
    finally:
        await handler.close()


async def test_redis_driver_expires_destroys_and_regenerates(redis_url: str, prefix: str) -> None:
    from orionis.session.redis_handler import RedisSessionHandler

    handler = RedisSessionHandler(redis_url, 60, prefix)
    try:
        session = await handler.load(None)
        session.put("user", 1)
        old_id = await handler.save(session)
        assert 0 < await handler.client.ttl(prefix + old_id) <= 60
        session = await handler.load(old_id)
        session.regenerate(destroy=True)
        new_id = await handler.save(session)
        assert (await handler.load(old_id)).all() == {}
        assert (await handler.load(new_id)).all() == {"user": 1}
    finally:
        await handler.close()


async def test_many_concurrent_file_writers_lose_nothing(tmp_path: Path) -> None:
    handler = FileSessionHandler(tmp_path, 60)
    session_id = await handler.save(Session("a" * 40))
    sessions = [await handler.load(session_id) for _ in range(20)]
    for index, session in enumerate(sessions):
        session.put(f"k{index}", index)
    await asyncio.gather(*(handler.save(s) for s in sessions))
    assert (await handler.load(session_id)).all() == {f"k{i}": i for i in range(20)}


async def test_expired_file_sessions_are_not_loaded_and_are_collected(tmp_path: Path) -> None:
    handler = FileSessionHandler(tmp_path, 60)
    session = await handler.load(None)
    session.put("a", 1)
    session_id = await handler.save(session)
    old = time.time() - 120
    import os

    os.utime(tmp_path / session_id, (old, old))
    assert (await handler.load(session_id)).id != session_id
    await handler.gc()
    assert not (tmp_path / session_id).exists()


@pytest.mark.parametrize("cookie", ["../../etc/passwd", "short", "x" * 40 + "/"])
async def test_ids_not_made_by_the_server_are_never_used(tmp_path: Path, cookie: str) -> None:
    handler: SessionHandler = FileSessionHandler(tmp_path, 60)
    assert (await handler.load(cookie)).id != cookie


async def test_cookie_driver_round_trip_tamper_and_expiry() -> None:
    handler = CookieSessionHandler(ENCRYPTER, 60, "app_session")
    session = await handler.load(None)
    session.put("cart", [1, 2])
    cookie = await handler.save(session)
    assert "cart" not in base64.urlsafe_b64decode(cookie + "==").decode("latin-1")
    assert (await handler.load(cookie)).all() == {"cart": [1, 2]}
    assert (await handler.load(cookie[:-2] + "AA")).all() == {}
    expired = CookieSessionHandler(ENCRYPTER, -1, "app_session")
    assert (await handler.load(await expired.save(session))).all() == {}
    other_name = CookieSessionHandler(ENCRYPTER, 60, "other")
    assert (await other_name.load(cookie)).all() == {}
