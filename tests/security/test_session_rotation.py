"""``session.regenerate()`` gives the session a new id (against session fixation).

What is written after the rotation lives under the new id only. With ``destroy=True`` the old
record is deleted from the store (a file, a Redis hash), so the old cookie opens a new, empty
session; without it the old record keeps what it held before the rotation (Laravel's
semantics). Every driver, through RSGI and ASGI.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as redis

from orionis.encryption import Encrypter
from tests.security.web_app import (
    CALLS,
    GENUINE_DATA,
    KEY,
    SESSION_COOKIE,
    set_cookies_of,
    web_app,
    write_web_project,
)
from tests.support.redis_server import prefix, redis_url

__all__ = ["prefix", "redis_url"]  # fixtures of the redis driver's cases

SESSIONS = "storage/framework/sessions"
Send = Callable[..., Awaitable[Any]]


@pytest.fixture(params=sorted(CALLS))
def kernel(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=["cookie", "file", "memory", "redis"])
def driver(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def session_config(request: pytest.FixtureRequest, driver: str) -> str:
    if driver != "redis":
        return f'driver = "{driver}"\n'
    url, key_prefix = request.getfixturevalue("redis_url"), request.getfixturevalue("prefix")
    return f'driver = "redis"\nredis_url = "{url}"\nprefix = "{key_prefix}"\n'


@pytest.fixture
async def send(tmp_path: Path, kernel: str, session_config: str) -> AsyncIterator[Send]:
    """``await send(path, cookies)``: a GET through the web stack of a fresh project."""
    with web_app(write_web_project(tmp_path, session=session_config)) as app:
        await app.boot()

        async def call(path: str, cookies: dict[str, str]) -> Any:
            header = "; ".join(f"{name}={value}" for name, value in cookies.items())
            headers = {"cookie": header} if header else {}
            path, _, query = path.partition("?")
            return await CALLS[kernel](app, "GET", path, query=query.encode(), headers=headers)

        try:
            yield call
        finally:
            await app.shutdown()


async def _rotate(
    send: Send, destroy: bool
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Log in (store data), rotate; the cookies before and after, and both ids."""
    before = set_cookies_of(await send("/set", {}))
    query = "?destroy=1" if destroy else ""
    rotated = await send("/regenerate" + query, before)
    ids = rotated.json()
    assert ids["before"] != ids["after"]
    return before, {**before, **set_cookies_of(rotated)}, ids


async def _stored(driver: str, tmp_path: Path, request: pytest.FixtureRequest, sid: str) -> bool:
    """Whether the store still holds a record under ``sid``."""
    if driver == "file":
        return (tmp_path / SESSIONS / sid).exists()
    client = redis.Redis.from_url(request.getfixturevalue("redis_url"))
    try:
        return bool(await client.exists(request.getfixturevalue("prefix") + sid))
    finally:
        await client.aclose()


@pytest.mark.parametrize("destroy", [True, False])
async def test_regenerate_gives_a_new_id_that_carries_the_data(send: Send, destroy: bool) -> None:
    _, after, ids = await _rotate(send, destroy)
    seen = (await send("/echo", after)).json()
    assert seen["id"] == ids["after"]
    assert seen["session"] == {**GENUINE_DATA, "after": "rotated"}


@pytest.mark.parametrize("driver", ["file", "memory", "redis"])  # cookie: no record to delete
async def test_with_destroy_the_old_id_opens_nothing(send: Send, driver: str) -> None:
    before, _, ids = await _rotate(send, destroy=True)
    seen = (await send("/echo", before)).json()
    assert seen["session"] == {}
    assert seen["id"] not in (ids["before"], ids["after"])


async def test_without_destroy_the_old_id_never_sees_later_writes(send: Send) -> None:
    before, _, ids = await _rotate(send, destroy=False)
    seen = (await send("/echo", before)).json()
    assert "after" not in seen["session"]
    assert seen["id"] != ids["after"]


@pytest.mark.parametrize("driver", ["file", "redis"])
@pytest.mark.parametrize("destroy", [True, False])
async def test_the_old_record_is_deleted_only_with_destroy(
    send: Send, driver: str, destroy: bool, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    _, _, ids = await _rotate(send, destroy)
    assert await _stored(driver, tmp_path, request, ids["after"])
    assert await _stored(driver, tmp_path, request, ids["before"]) is not destroy


async def test_the_cookie_driver_seals_the_new_id_into_the_cookie(
    kernel: str, tmp_path: Path
) -> None:
    with web_app(write_web_project(tmp_path, session='driver = "cookie"\n')) as app:
        await app.boot()
        try:
            first = set_cookies_of(await CALLS[kernel](app, "GET", "/set"))
            header = "; ".join(f"{name}={value}" for name, value in first.items())
            rotated = await CALLS[kernel](app, "GET", "/regenerate", headers={"cookie": header})
        finally:
            await app.shutdown()
    sealed = set_cookies_of(rotated)[SESSION_COOKIE]
    payload = Encrypter.from_config(KEY).decrypt(sealed, context=SESSION_COOKIE)
    assert payload["id"] == rotated.json()["after"]
