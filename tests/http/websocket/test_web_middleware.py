"""A WebSocket route in routes/web.py, through RSGI and ASGI: the ``web`` group's cookies and
session middleware run on the handshake (csrf is HTTP only), so session auth works."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from orionis.foundation.application import Application
from orionis.testing import TestClient
from tests.http.websocket.conftest import AppFactory

WEB_GROUP = 'middleware_groups = {"web": ["cookies", "session", "csrf"], "api": []}\n'
ROUTES = """
Route.websocket("/ws/me", h.whoami)
Route.get("/flavour", h.set_flavour)
Route.get("/session", h.show_session)
"""

Client = Callable[[Application], TestClient]


@pytest.fixture
async def app(make_app: AppFactory) -> Application:
    return await make_app(web=ROUTES, http=WEB_GROUP, config={"session": 'driver = "memory"\n'})


async def test_the_session_of_the_cookie_is_readable(app: Application, client: Client) -> None:
    http = client(app).with_session({"user": "ada"})
    async with http.websocket("/ws/me") as ws:
        assert (await ws.receive_json())["user"] == "ada"


async def test_no_session_cookie_gives_an_empty_session(app: Application, client: Client) -> None:
    async with client(app).websocket("/ws/me") as ws:
        assert await ws.receive_json() == {"user": None, "flavour": None}


async def test_encrypted_cookies_are_decrypted_and_tampered_ones_dropped(
    app: Application, client: Client
) -> None:
    http = client(app)
    await http.get("/flavour")  # the cookies middleware encrypts the cookie it sets
    assert http.cookies["flavour"] != "oat"
    async with http.websocket("/ws/me") as ws:
        assert (await ws.receive_json())["flavour"] == "oat"
    async with client(app).websocket("/ws/me", cookies={"flavour": "oat"}) as ws:
        assert (await ws.receive_json())["flavour"] is None


async def test_session_changes_over_a_websocket_are_not_saved(
    app: Application, client: Client
) -> None:
    http = client(app).with_session({"user": "ada"})
    async with http.websocket("/ws/me") as ws:
        await ws.receive_json()  # the handler wrote to the session after sending this
    assert (await http.get("/session")).json() == {"written": None}
