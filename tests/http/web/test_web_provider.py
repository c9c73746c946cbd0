"""Boot-time checks of the web layer, its aliases, and the error pages it installs."""

from __future__ import annotations

import pytest

from orionis.encryption import MissingKeyError
from orionis.session import SessionError

ROUTES = 'Route.get("/token", c.token)\nRoute.get("/id", c.session_id)\n'


async def test_a_missing_key_stops_boot_with_the_command_that_fixes_it(make_app) -> None:
    with pytest.raises(MissingKeyError) as caught:
        await make_app(web=ROUTES, key="")
    assert str(caught.value) == (
        "APP_KEY is not set, and encryption needs it (encrypted cookies, sessions, encrypt()). "
        "Run `reactor key:generate` to write a fresh APP_KEY to .env (config/app.py reads it "
        "as app.key)."
    )


async def test_a_malformed_key_stops_boot(make_app) -> None:
    with pytest.raises(MissingKeyError) as caught:
        await make_app(web=ROUTES, key="base64:c2hvcnQ=")
    assert "decodes to 5 bytes; AES-256 needs exactly 32" in str(caught.value)
    assert "reactor key:generate" in str(caught.value)


async def test_an_app_without_web_middleware_boots_without_a_key(make_app, call) -> None:
    app = await make_app(api='Route.get("/ping", c.has_session)', key="", web="")
    assert (await call(app, "GET", "/api/ping")).json() == {"session": False}


async def test_the_cookie_driver_needs_the_key_even_without_cookie_encryption(make_app) -> None:
    with pytest.raises(MissingKeyError):
        await make_app(
            web=ROUTES,
            key="",
            http='middleware_groups = {"web": ["session"], "api": []}\n',
            session='driver = "cookie"\n',
        )


async def test_error_pages_come_from_resources_views_errors(make_app, call) -> None:
    views = {"errors/404.html": "missing: {{ status }} {{ message }}"}
    app = await make_app(web=ROUTES, views=views)
    result = await call(app, "GET", "/nowhere")
    assert result.status == 404
    assert result.text == "missing: 404 Not Found"
    json = await call(app, "GET", "/nowhere", headers={"accept": "application/json"})
    assert json.json() == {"message": "Not Found"}


async def test_a_broken_error_page_falls_back_to_the_built_in_one(make_app, call) -> None:
    views = {"errors/404.html": "{{ undefined_function() }}"}
    result = await call(await make_app(web=ROUTES, views=views), "GET", "/nowhere")
    assert result.status == 404
    assert "404 | Not Found" in result.text


async def test_the_session_outside_a_web_route_says_how_to_get_one(make_app, call) -> None:
    app = await make_app(api='Route.get("/id", c.session_id)')
    request_class = __import__("orionis.http", fromlist=["Request"]).Request
    request = request_class("GET", "http", "/api/id", "", [], None, None, "1.1", None, 0)
    with pytest.raises(SessionError) as caught:
        request.session  # noqa: B018
    assert str(caught.value) == (
        "GET /api/id has no session: sessions start only for routes with the `session` "
        "middleware. Put the route in routes/web.py (the `web` group), or add "
        "->middleware('session') to it."
    )
    assert app.is_booted()
