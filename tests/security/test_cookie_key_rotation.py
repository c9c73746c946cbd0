"""Rotating APP_KEY: cookies sealed with a key in APP_PREVIOUS_KEYS still work, and the
session cookie comes back sealed with the current key; a key not listed opens nothing."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from orionis.encryption import DecryptError, Encrypter
from tests.security.web_app import (
    CALLS,
    GENUINE_DATA,
    KEY,
    OLD_KEY,
    OTHER_KEY,
    SESSION_COOKIE,
    SESSION_DRIVERS,
    set_cookies_of,
    web_app,
    write_web_project,
)

CURRENT_ONLY = Encrypter.from_config(KEY)
OLD_ONLY = Encrypter.from_config(OLD_KEY)
Send = Callable[..., Awaitable[Any]]


@pytest.fixture(params=sorted(CALLS))
def kernel(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=sorted(SESSION_DRIVERS))
def driver(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def send(tmp_path: Path, kernel: str, driver: str) -> AsyncIterator[Send]:
    """``await send(cookies)``: ``GET /echo`` with these cookies; OLD_KEY is a previous key."""
    root = write_web_project(
        tmp_path, session=SESSION_DRIVERS[driver], env=f"APP_PREVIOUS_KEYS={OLD_KEY}\n"
    )
    with ExitStack() as stack:
        app = stack.enter_context(web_app(root))
        await app.boot()

        async def call(cookies: dict[str, str], path: str = "/echo") -> Any:
            header = "; ".join(f"{name}={value}" for name, value in cookies.items())
            return await CALLS[kernel](app, "GET", path, headers={"cookie": header})

        try:
            yield call
        finally:
            await app.shutdown()


async def _session_sealed_with(sealer: Encrypter, driver: str, send: Send) -> tuple[str, str]:
    """A session cookie holding GENUINE_DATA, sealed with ``sealer``; and the session's id."""
    if driver == "cookie":  # the driver seals the whole session (the only layer)
        session_id = "r" * 40
        payload = {"id": session_id, "data": GENUINE_DATA, "expires": time.time() + 3600}
        return sealer.encrypt(payload, context=SESSION_COOKIE), session_id
    # The data lives on the server: store it under the current key, then reseal the id as the
    # `cookies` middleware would have with the other key.
    cookies = set_cookies_of(await send({}, "/set"))
    session_id = (await send(cookies)).json()["id"]
    return sealer.encrypt_string(session_id, context=SESSION_COOKIE), session_id


async def test_an_app_cookie_of_a_previous_key_is_read(send: Send) -> None:
    flavour = OLD_ONLY.encrypt_string("ginger snap", context="flavour")
    assert (await send({"flavour": flavour})).json()["flavour"] == "ginger snap"


async def test_an_app_cookie_of_an_unlisted_key_is_dropped(send: Send) -> None:
    flavour = Encrypter.from_config(OTHER_KEY).encrypt_string("ginger snap", context="flavour")
    result = await send({"flavour": flavour})
    assert result.status == 200
    assert result.json()["flavour"] is None


async def test_a_session_of_a_previous_key_is_read_and_resealed_with_the_current_key(
    send: Send, driver: str
) -> None:
    cookie, session_id = await _session_sealed_with(OLD_ONLY, driver, send)
    result = await send({SESSION_COOKIE: cookie})
    assert result.json()["session"] == GENUINE_DATA
    assert result.json()["id"] == session_id
    resealed = set_cookies_of(result)[SESSION_COOKIE]
    with pytest.raises(DecryptError):
        OLD_ONLY.decrypt_bytes(resealed, context=SESSION_COOKIE)
    if driver == "cookie":
        data = CURRENT_ONLY.decrypt(resealed, context=SESSION_COOKIE)["data"]
        assert data.items() >= GENUINE_DATA.items()
    else:
        assert CURRENT_ONLY.decrypt_string(resealed, context=SESSION_COOKIE) == session_id
    # The resealed cookie keeps working on its own.
    assert (await send({SESSION_COOKIE: resealed})).json()["session"] == GENUINE_DATA


async def test_a_session_of_an_unlisted_key_starts_a_new_one(send: Send, driver: str) -> None:
    cookie, session_id = await _session_sealed_with(Encrypter.from_config(OTHER_KEY), driver, send)
    result = await send({SESSION_COOKIE: cookie})
    assert result.status == 200
    assert result.json()["session"] == {}
    assert result.json()["id"] != session_id
