"""The `session` middleware and the drivers behind it, through both kernels."""

from __future__ import annotations

import pytest

ROUTES = """
Route.get("/put", c.put)
Route.get("/show", c.show)
Route.get("/flash", c.flash)
Route.get("/status", c.status)
Route.get("/regenerate", c.regenerate)
Route.get("/invalidate", c.invalidate)
Route.get("/id", c.session_id)
Route.get("/token", c.token)
"""

DRIVERS = {
    "memory": 'driver = "memory"\n',
    "file": 'driver = "file"\n',
    "cookie": 'driver = "cookie"\n',
}


@pytest.fixture(params=[*sorted(DRIVERS), "redis"])
def driver(request: pytest.FixtureRequest) -> str:
    name = str(request.param)
    if name == "redis":
        url, prefix = request.getfixturevalue("redis_url"), request.getfixturevalue("prefix")
        DRIVERS["redis"] = f'driver = "redis"\nredis_url = "{url}"\nprefix = "{prefix}"\n'
    return name


async def test_values_persist_between_requests(make_app, browser, driver) -> None:
    client = browser(await make_app(web=ROUTES, session=DRIVERS[driver]))
    await client.get("/put", query=b"cart=3")
    assert (await client.get("/show")).json() == {"cart": "3"}


async def test_flash_lives_for_exactly_the_next_request(make_app, browser, driver) -> None:
    client = browser(await make_app(web=ROUTES, session=DRIVERS[driver]))
    await client.get("/flash", query=b"message=Done")
    assert (await client.get("/status")).json() == {"status": "Done"}
    assert (await client.get("/status")).json() == {"status": None}


async def test_regenerate_changes_the_id_and_keeps_the_data(make_app, browser, driver) -> None:
    client = browser(await make_app(web=ROUTES, session=DRIVERS[driver]))
    await client.get("/put", query=b"user=7")
    ids = (await client.get("/regenerate")).json()
    assert ids["before"] != ids["after"]
    assert (await client.get("/id")).text == ids["after"]
    assert (await client.get("/show")).json() == {"user": "7"}


async def test_invalidate_drops_data_id_and_token(make_app, browser, driver) -> None:
    client = browser(await make_app(web=ROUTES, session=DRIVERS[driver]))
    await client.get("/put", query=b"user=7")
    before_id, before_token = (await client.get("/id")).text, await client.token()
    await client.get("/invalidate")
    assert (await client.get("/show")).json() == {}
    assert (await client.get("/id")).text != before_id
    assert await client.token() != before_token


async def test_a_tampered_session_cookie_starts_a_new_session(make_app, browser, driver) -> None:
    client = browser(await make_app(web=ROUTES, session=DRIVERS[driver]))
    await client.get("/put", query=b"user=7")
    cookie = client.cookies["orionis_session"]
    client.cookies["orionis_session"] = cookie[:-3] + ("xyz" if cookie[-3:] != "xyz" else "abc")
    result = await client.get("/show")
    assert result.status == 200
    assert result.json() == {}


async def test_an_unknown_session_id_is_never_adopted(make_app, call) -> None:
    app = await make_app(web=ROUTES, http='encrypt_cookies_except = ["orionis_session"]\n')
    forged = "a" * 40
    result = await call(app, "GET", "/id", headers={"cookie": f"orionis_session={forged}"})
    assert result.text != forged and len(result.text) == 40


async def test_the_cookie_carries_lifetime_and_attributes(make_app, call) -> None:
    session = 'driver = "memory"\nlifetime = 5\nsecure = True\nsame_site = "strict"\n'
    result = await call(await make_app(web=ROUTES, session=session), "GET", "/id")
    cookie = next(h for h in result.headers.get_all("set-cookie") if h.startswith("orionis_"))
    assert "Max-Age=300" in cookie and "Secure" in cookie and "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie


async def test_expire_on_close_sends_a_browser_session_cookie(make_app, call) -> None:
    session = 'driver = "memory"\nexpire_on_close = True\n'
    result = await call(await make_app(web=ROUTES, session=session), "GET", "/id")
    cookie = next(h for h in result.headers.get_all("set-cookie") if h.startswith("orionis_"))
    assert "Max-Age" not in cookie and "Expires" not in cookie


async def test_sessions_start_only_for_the_web_group(make_app, call) -> None:
    app = await make_app(
        web='Route.get("/web", c.has_session)', api='Route.get("/a", c.has_session)'
    )
    api = await call(app, "GET", "/api/a")
    assert api.json() == {"session": False}
    assert "set-cookie" not in api.headers
    assert (await call(app, "GET", "/web")).json() == {"session": True}


async def test_the_file_driver_writes_to_storage(make_app, browser, tmp_path) -> None:
    client = browser(await make_app(web=ROUTES, session=DRIVERS["file"]))
    session_id = (await client.get("/id")).text
    assert (tmp_path / "storage" / "framework" / "sessions" / session_id).is_file()
