"""The `cookies` middleware: encrypted on the way out, decrypted in, tampered ones dropped."""

from __future__ import annotations

from orionis.encryption import Encrypter
from tests.http.web.conftest import OLD_KEY

ROUTES = """
Route.get("/set", c.set_cookies)
Route.get("/echo", c.echo_cookies)
"""


async def test_cookies_leave_encrypted_and_come_back_plain(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    await client.get("/set")
    assert "choc" not in client.cookies["flavour"]
    assert (await client.get("/echo")).json()["flavour"] == "choc chip"


async def test_cookies_in_the_except_list_stay_plain(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES, http='encrypt_cookies_except = ["plain"]\n'))
    await client.get("/set")
    assert client.cookies["plain"] == "visible"
    assert (await client.get("/echo")).json()["plain"] == "visible"


async def test_a_tampered_cookie_is_dropped_without_an_error(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    await client.get("/set")
    value = client.cookies["flavour"]
    client.cookies["flavour"] = value[:-2] + ("AA" if value[-2:] != "AA" else "BB")
    client.cookies["forged"] = "plain-text"
    result = await client.get("/echo")
    assert result.status == 200
    assert "flavour" not in result.json() and "forged" not in result.json()


async def test_a_value_moved_to_another_cookie_name_is_dropped(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    await client.get("/set")
    client.cookies["other"] = client.cookies["flavour"]
    assert "other" not in (await client.get("/echo")).json()


async def test_cookies_made_with_a_previous_key_still_decrypt(make_app, browser) -> None:
    old = Encrypter.from_config(OLD_KEY)
    app = await make_app(web=ROUTES, env=f"APP_PREVIOUS_KEYS={OLD_KEY}\n")
    client = browser(app)
    client.cookies["flavour"] = old.encrypt_string("oatmeal", context="flavour")
    assert (await client.get("/echo")).json()["flavour"] == "oatmeal"


async def test_cookies_of_a_key_no_longer_listed_are_dropped(make_app, browser) -> None:
    old = Encrypter.from_config(OLD_KEY)
    client = browser(await make_app(web=ROUTES))
    client.cookies["flavour"] = old.encrypt_string("oatmeal", context="flavour")
    assert "flavour" not in (await client.get("/echo")).json()
