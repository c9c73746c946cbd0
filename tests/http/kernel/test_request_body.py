"""Request bodies reaching actions through RSGI and ASGI, and the errors bad bodies get."""

from __future__ import annotations

import json

from tests.http.kernel.conftest import AppFactory, Call

ROUTES = """
Route.post("/json", c.echo_json)
Route.post("/input", c.echo_input)
Route.post("/raw", c.body_size)
"""
HTTP_CONFIG = {"http": "max_body_size = 64\n"}
JSON_TYPE = ("content-type", "application/json")
FORM_TYPE = ("content-type", "application/x-www-form-urlencoded")


async def test_json_body_reaches_the_action(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    body = json.dumps({"a": [1, 2]}).encode()
    response = await call(app, "POST", "/json", headers=[JSON_TYPE], body=body)
    assert response.json() == {"json": {"a": [1, 2]}}


async def test_json_input_is_loaded_for_sync_actions(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    body = json.dumps({"name": "Ada"}).encode()
    response = await call(app, "POST", "/input", query=b"page=2", headers=[JSON_TYPE], body=body)
    assert response.json() == {"name": "Ada", "all": {"page": "2", "name": "Ada"}}


async def test_form_input_reaches_the_action(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "POST", "/input", headers=[FORM_TYPE], body=b"name=Grace&x=1")
    assert response.json() == {"name": "Grace", "all": {"name": "Grace", "x": "1"}}


async def test_malformed_json_is_400_with_reason(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    headers = [JSON_TYPE, ("accept", "application/json")]
    response = await call(app, "POST", "/json", headers=headers, body=b"{oops")
    assert response.status == 400
    assert response.json()["message"].startswith("Malformed JSON body: unexpected character")


async def test_body_over_max_body_size_is_413(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, config=HTTP_CONFIG)
    body = json.dumps({"name": "x" * 100}).encode()
    response = await call(app, "POST", "/json", headers=[JSON_TYPE], body=body)
    assert response.status == 413
    assert "larger than the limit of 64 bytes" in response.text


async def test_declared_length_over_the_limit_is_413(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, config=HTTP_CONFIG)
    headers = [FORM_TYPE, ("content-length", "1000"), ("accept", "application/json")]
    response = await call(app, "POST", "/input", headers=headers, body=b"name=a")
    assert response.status == 413
    assert "Content-Length: 1000" in response.json()["message"]


async def test_body_within_max_body_size_is_accepted(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, config=HTTP_CONFIG)
    response = await call(app, "POST", "/json", headers=[JSON_TYPE], body=b'{"a": 1}')
    assert response.status == 200


async def test_wrong_content_type_for_json_is_415(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    headers = [("content-type", "text/plain"), ("accept", "application/json")]
    response = await call(app, "POST", "/json", headers=headers, body=b"{}")
    assert response.status == 415
    assert response.json() == {
        "message": "Unsupported Content-Type 'text/plain' for POST /json: "
        "expected application/json (or a +json type)."
    }


async def test_raw_body_over_max_body_size_is_413(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, config=HTTP_CONFIG)
    headers = [("content-type", "application/octet-stream")]
    assert (await call(app, "POST", "/raw", headers=headers, body=b"x" * 64)).json() == {"size": 64}
    assert (await call(app, "POST", "/raw", headers=headers, body=b"x" * 65)).status == 413
