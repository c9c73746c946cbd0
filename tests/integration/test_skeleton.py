"""The skeleton's routes answer the same under Granian RSGI, Granian ASGI and uvicorn."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

JSON = {"accept": "application/json"}
ALLOWED = "GET, HEAD, OPTIONS"


@pytest.fixture
def client(skeleton: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=skeleton, timeout=10) as client:
        yield client


def test_home_page_greets_with_the_configured_app_name(client: httpx.Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>Hello, friend! Greetings from Orion Test.</h1>" in response.text


def test_home_page_greets_the_name_in_the_query_escaped(client: httpx.Client) -> None:
    assert "Hello, Ada! Greetings" in client.get("/", params={"name": "Ada"}).text
    response = client.get("/", params={"name": "<b>Ada</b>"})
    assert "Hello, &lt;b&gt;Ada&lt;/b&gt;!" in response.text
    assert "<b>Ada</b>" not in response.text


def test_head_has_the_headers_of_get_and_no_body(client: httpx.Client) -> None:
    page = client.get("/")
    response = client.head("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-length"] == str(len(page.content))
    assert response.content == b""


def test_options_lists_the_allowed_methods(client: httpx.Client) -> None:
    response = client.options("/")
    assert response.status_code == 204
    assert response.headers["allow"] == ALLOWED
    assert response.content == b""


def test_api_user_as_json(client: httpx.Client) -> None:
    response = client.get("/api/users/1")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"data": {"id": 1, "name": "Ada Lovelace"}}


def test_missing_api_user_is_404_with_the_message_for_json_clients(client: httpx.Client) -> None:
    response = client.get("/api/users/999", headers=JSON)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"message": "User 999 not found."}


def test_a_non_integer_user_id_matches_no_route(client: httpx.Client) -> None:
    response = client.get("/api/users/abc", headers=JSON)
    assert response.status_code == 404
    assert response.json() == {"message": "Not Found"}


def test_health_route(client: httpx.Client) -> None:
    response = client.get("/up")
    assert response.status_code == 200
    assert response.json() == {"status": "up"}


def test_wrong_method_is_405_with_allow(client: httpx.Client) -> None:
    response = client.post("/up")
    assert response.status_code == 405
    assert response.headers["allow"] == ALLOWED


def _token(page: str) -> str:
    match = re.search(r'name="_token" value="([^"]+)"', page)
    assert match is not None, page
    return match.group(1)


def test_contact_form_page_has_a_csrf_field(client: httpx.Client) -> None:
    response = client.get("/contact")
    assert response.status_code == 200
    assert '<form method="post" action="/contact" novalidate>' in response.text
    assert len(_token(response.text)) == 40
    assert "Thank you" not in response.text


def test_contact_form_without_the_token_is_419(client: httpx.Client) -> None:
    client.get("/contact")
    response = client.post("/contact", data={"name": "Ada", "email": "ada@example.com"})
    assert response.status_code == 419
    assert "Page Expired" in response.text


def test_invalid_contact_form_goes_back_with_errors_and_old_input(client: httpx.Client) -> None:
    token = _token(client.get("/contact").text)
    data = {"_token": token, "name": "Ada", "email": "not-an-email", "message": "Hi"}
    response = client.post("/contact", data=data)
    assert response.status_code == 302
    assert response.headers["location"].endswith("/contact")
    page = client.get("/contact").text
    assert "The email field must be a valid email address." in page
    assert "Please write at least 10 characters." in page
    assert 'name="name" value="Ada"' in page
    assert "valid email" not in client.get("/contact").text  # flashed for one request only


def test_valid_contact_form_redirects_with_a_flash_message(client: httpx.Client) -> None:
    token = _token(client.get("/contact").text)
    data = {"_token": token, "name": "Ada", "email": "ada@example.com", "message": "Hello there!"}
    response = client.post("/contact", data=data)
    assert response.status_code == 302
    assert response.headers["location"] == "/contact"
    assert "Thank you, Ada: your message was sent." in client.get("/contact").text
    assert "Thank you" not in client.get("/contact").text


def test_malformed_json_body_is_400_with_the_reason(client: httpx.Client) -> None:
    headers = {**JSON, "content-type": "application/json"}
    response = client.post("/contact", content=b'{"name": ', headers=headers)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json()["message"].startswith("Malformed JSON body: ")
