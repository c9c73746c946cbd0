"""Sessions in tests: ``client.with_session()`` before a request, ``assert_session_*`` after."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from orionis import Application
from orionis.foundation import Runtime
from orionis.http.middleware.encrypt_cookies import EncryptCookies
from orionis.testing import TestClient, create_application, instrument, isolated_process
from tests.testing.conftest import FILES, write_project

pytestmark = pytest.mark.kernels("rsgi", "asgi")


async def test_with_session_values_reach_the_following_requests(
    demo_app: Application, kernel: str
) -> None:
    client = TestClient(demo_app, kernel=kernel).with_session({"cart": [1, 2], "user": 7})

    first = await client.get("/session")
    second = await client.get("/session")

    first.assert_exact_json({"cart": [1, 2], "user": 7}).assert_session_has("cart", [1, 2])
    second.assert_exact_json({"cart": [1, 2], "user": 7})


async def test_with_session_adds_to_the_session_the_client_already_has(
    demo_app: Application, kernel: str
) -> None:
    client = TestClient(demo_app, kernel=kernel)
    (await client.post("/session", data={"colour": "red"})).assert_ok()

    response = await client.with_session({"cart": [3]}).get("/session")

    response.assert_exact_json({"colour": "red", "cart": [3]})


async def test_the_session_cookie_is_encrypted_like_the_cookies_middleware_expects(
    demo_app: Application, kernel: str
) -> None:
    client = TestClient(demo_app, kernel=kernel).with_session({"cart": [1]})
    (await client.get("/session")).assert_ok()

    sent = client.cookies["orionis_session"]

    assert len(sent) > 40  # not the bare 40-character session id
    (await client.get("/session")).assert_exact_json({"cart": [1]})


async def test_with_session_and_the_cookies_middleware_off(
    demo_app: Application, kernel: str
) -> None:
    async with TestClient(demo_app, kernel=kernel) as client:
        client.without_middleware(EncryptCookies).with_session({"cart": [4]})

        response = await client.get("/session")

    response.assert_exact_json({"cart": [4]}).assert_session_has("cart", [4])


async def test_assertions_read_what_the_request_stored(demo_app: Application, kernel: str) -> None:
    client = TestClient(demo_app, kernel=kernel).with_session({"cart": [1], "user": 7})

    saved = await client.post("/session", data={"colour": "red"})
    forgotten = await client.post("/session/forget", data={"key": "cart"})

    saved.assert_session_has("colour", "red").assert_session_has("cart", [1])
    forgotten.assert_session_missing("cart").assert_session_has("user", 7)


async def test_flashed_values_last_one_more_request(demo_app: Application, kernel: str) -> None:
    client = TestClient(demo_app, kernel=kernel)

    flashed = await client.post("/session/flash")
    next_page = await client.get("/session")
    later = await client.get("/session")

    flashed.assert_redirect("/session").assert_session_has("status", "Saved")
    next_page.assert_exact_json({"status": "Saved"})
    later.assert_session_missing("status").assert_exact_json({})


async def test_a_failing_session_assertion_shows_the_keys_and_the_response(
    demo_app: Application, kernel: str
) -> None:
    response = await TestClient(demo_app, kernel=kernel).with_session({"cart": [1]}).get("/session")

    with pytest.raises(AssertionError) as failure:
        response.assert_session_has("user")

    message = str(failure.value)
    assert "Expected the session to have 'user'; it has: cart, _previous_url, _token." in message
    assert "Response to GET /session: 200 OK" in message


async def test_a_route_without_the_session_middleware_has_no_session(
    demo_app: Application, kernel: str
) -> None:
    response = await TestClient(demo_app, kernel=kernel).get("/cookie/set")

    assert response.session is None
    with pytest.raises(AssertionError, match="Expected a session, but the request ran none"):
        response.assert_session_has("cart")


@pytest.fixture(params=["memory", "file", "cookie"])
async def driven_app(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Application]:
    """The demo application with the session driver of the parameter."""
    env = FILES[".env.testing"].replace("SESSION_DRIVER=memory", f"SESSION_DRIVER={request.param}")
    root = write_project(tmp_path / "demo", {**FILES, ".env.testing": env})
    with isolated_process():
        app = create_application(root / "bootstrap" / "app.py")
        instrument(app)
        await app.boot(Runtime.HTTP)
        assert app.config.get("session.driver") == request.param
        yield app
        await app.shutdown()


async def test_every_driver_is_seeded_and_read(driven_app: Application, kernel: str) -> None:
    client = TestClient(driven_app, kernel=kernel).with_session({"cart": [5]})

    response = await client.post("/session", data={"colour": "blue"})

    response.assert_session_has("cart", [5]).assert_session_has("colour", "blue")
    (await client.get("/session")).assert_exact_json({"cart": [5], "colour": "blue"})
