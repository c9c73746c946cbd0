"""The skeleton's pages: the home page and the contact form."""

from __future__ import annotations

import pytest

from orionis.http.middleware.verify_csrf_token import VerifyCsrfToken
from orionis.testing import TestClient

MESSAGE = {"name": "Ada", "email": "ada@example.com", "message": "Hello from the tests."}


@pytest.mark.kernels("rsgi", "asgi")
async def test_the_home_page_greets_a_friend(client: TestClient) -> None:
    response = await client.get("/")

    response.assert_ok().assert_view_is("home")
    response.assert_see("Hello, friend!")
    response.assert_header("content-type", "text/html; charset=utf-8")


async def test_the_home_page_greets_the_name_in_the_query_escaped(client: TestClient) -> None:
    response = await client.get("/?name=<b>Ada</b>")

    response.assert_ok().assert_see("Hello, <b>Ada</b>!")
    response.assert_dont_see("<b>Ada</b>", escape=False)


async def test_the_contact_form_is_shown(client: TestClient) -> None:
    response = await client.get("/contact")

    response.assert_ok().assert_view_is("contact").assert_see("Contact")


async def test_a_valid_message_redirects_back_with_a_thank_you(client: TestClient) -> None:
    client.without_middleware(VerifyCsrfToken)

    response = await client.post("/contact", data=MESSAGE)

    response.assert_redirect_to_route("contact.show")
    (await client.get("/contact")).assert_see("Thank you, Ada")


@pytest.mark.kernels("rsgi", "asgi")
async def test_a_valid_message_flashes_a_thank_you_into_the_session(client: TestClient) -> None:
    # The CSRF check stays on: the session is given the token the form sends.
    client.with_session({"_token": "a-known-token"})

    response = await client.post("/contact", data={**MESSAGE, "_token": "a-known-token"})

    response.assert_redirect_to_route("contact.show")
    response.assert_session_has("status", "Thank you, Ada: your message was sent.")


async def test_an_incomplete_message_gets_validation_errors(client: TestClient) -> None:
    client.without_middleware(VerifyCsrfToken)

    response = await client.post(
        "/contact", data={**MESSAGE, "name": ""}, headers={"accept": "application/json"}
    )

    response.assert_validation_errors(["name"]).assert_no_validation_errors(["email"])


async def test_an_unknown_page_is_not_found(client: TestClient) -> None:
    response = await client.get("/nowhere")

    response.assert_not_found()


async def test_the_health_route_answers_up(client: TestClient) -> None:
    response = await client.get("/up")

    response.assert_ok().assert_exact_json({"status": "up"})
