"""`request.validate()` and form requests: 422 JSON for JSON clients, back with errors and
old input for HTML forms."""

from __future__ import annotations

import json

ROUTES = """
Route.get("/token", c.token)
Route.get("/form", c.form_page)
Route.post("/store", c.store)
Route.post("/users", c.store_user)
"""
FORM_VIEW = {
    "form.html": (
        "{% if errors.has('email') %}<p class=error>{{ errors.first('email') }}</p>{% endif %}"
        "<input name=email value='{{ old('email') }}'>"
        "<input name=password value='{{ old('password') }}'>"
        "{{ errors.all() | length }}"
    )
}


async def test_json_clients_get_422_with_message_and_errors(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    token = await client.token()
    body = json.dumps({"email": "nope", "age": "12"}).encode()
    headers = {"content-type": "application/json", "accept": "application/json"}
    result = await client.post("/store", body, headers={**headers, "x-csrf-token": token})
    assert result.status == 422
    assert result.json() == {
        "message": "The email field must be a valid email address. (and 1 more error)",
        "errors": {
            "email": ["The email field must be a valid email address."],
            "age": ["The age field must be at least 18."],
        },
    }


async def test_valid_input_reaches_the_action(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    token = await client.token()
    result = await client.post("/store", f"_token={token}&email=a@b.co&age=30&x=1".encode())
    assert result.json() == {"saved": {"email": "a@b.co", "age": "30"}}


async def test_html_forms_go_back_with_errors_and_old_input(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES, views=FORM_VIEW))
    await client.get("/form")
    token = await client.token()
    body = f"_token={token}&email=bad&password=secret".encode()
    result = await client.post("/store", body)
    assert result.status == 302
    assert result.headers["location"] == "http://127.0.0.1:8000/form"
    page = (await client.get("/form")).text
    assert "<p class=error>The email field must be a valid email address.</p>" in page
    assert "<input name=email value='bad'>" in page
    assert "<input name=password value=''>" in page  # passwords are never flashed
    again = (await client.get("/form")).text
    assert "class=error" not in again and again.endswith("0")


async def test_without_a_known_page_back_is_the_referer_of_this_site(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    token = await client.token()
    referer = {"referer": "https://evil.example/x"}
    result = await client.post("/store", f"_token={token}".encode(), headers=referer)
    assert result.headers["location"] == "/"


async def test_a_form_request_validates_before_the_action(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    token = await client.token()
    headers = {"accept": "application/json"}
    result = await client.post("/users", f"_token={token}&name=Adalbert".encode(), headers=headers)
    assert result.status == 422
    assert result.json()["errors"] == {"name": ["Names are short here: 5 letters at most."]}
    ok = await client.post("/users", f"_token={token}&name=Ada".encode(), headers=headers)
    assert ok.json() == {"saved": {"name": "Ada"}}


async def test_a_form_request_that_does_not_authorize_is_403(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    token = await client.token()
    headers = {"accept": "application/json"}
    body = f"_token={token}&name=Ada&banned=1".encode()
    result = await client.post("/users", body, headers=headers)
    assert result.status == 403
    assert result.json() == {"message": "This action is unauthorized."}


async def test_without_a_session_validation_answers_422_json(make_app, call) -> None:
    app = await make_app(api='Route.post("/store", c.store)')
    headers = {"content-type": "application/x-www-form-urlencoded"}
    result = await call(app, "POST", "/api/store", headers=headers, body=b"email=x")
    assert result.status == 422
    assert result.json()["errors"]["email"] == ["The email field must be a valid email address."]
