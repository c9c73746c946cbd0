"""TestResponse assertions: each passes on a matching response and fails with the response shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from orionis import Application
from orionis.testing import RenderedView, TestResponse

Make = Callable[..., TestResponse]


@pytest.fixture
def make(demo_app: Application) -> Make:
    def build(
        status: int = 200,
        views: tuple[RenderedView, ...] = (),
        session: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> TestResponse:
        response = httpx.Response(status, **kwargs)
        return TestResponse(demo_app, "GET", "/thing", response, (), views, session=session)

    return build


def failure(assertion: Callable[[], object]) -> str:
    with pytest.raises(AssertionError) as raised:
        assertion()
    return str(raised.value)


def test_status_assertions(make: Make) -> None:
    make(200).assert_ok().assert_successful().assert_status(200)
    make(201).assert_created()
    make(204).assert_no_content()
    make(404).assert_not_found()
    make(401).assert_unauthorized()
    make(403).assert_forbidden()
    make(422).assert_unprocessable()
    make(503).assert_server_error()
    message = failure(make(404, text="nope").assert_ok)
    assert message.startswith("Expected status 200 but got 404.")
    assert "Response to GET /thing: 404 Not Found" in message
    assert "nope" in message
    assert failure(make(204, text="x").assert_no_content).startswith("Expected an empty body.")
    assert "Expected a successful (2xx) status but got 500" in failure(make(500).assert_successful)
    assert "Expected a server error (5xx) status but got 200" in failure(
        make(200).assert_server_error
    )


def test_redirect_assertions(make: Make) -> None:
    redirect = make(302, headers={"location": "http://localhost/greet/Ada"})

    redirect.assert_redirect().assert_redirect("/greet/Ada").assert_redirect_to_route(
        "greet", name="Ada"
    )
    assert "Expected a redirect to '/elsewhere' but it goes to" in failure(
        lambda: redirect.assert_redirect("/elsewhere")
    )
    assert "Expected a redirect (301, 302, 303, 307, 308) but got 200." in failure(
        make(200).assert_redirect
    )


def test_header_and_cookie_assertions(make: Make) -> None:
    response = make(200, headers=[("x-a", "1"), ("set-cookie", "flavour=oat; Path=/")])

    response.assert_header("x-a").assert_header("X-A", "1").assert_header_missing("x-b")
    response.assert_cookie("flavour").assert_cookie("flavour", "oat").assert_cookie_missing("x")
    assert "Expected header 'x-b' but the response has none." in failure(
        lambda: response.assert_header("x-b")
    )
    assert "Expected header 'x-a' to be '2' but it is '1'." in failure(
        lambda: response.assert_header("x-a", "2")
    )
    assert "Expected no header 'x-a' but it is '1'." in failure(
        lambda: response.assert_header_missing("x-a")
    )
    assert "Expected cookie 'y' to be set; the response sets: flavour." in failure(
        lambda: response.assert_cookie("y")
    )
    assert "Expected cookie 'flavour' to be 'rye' but it is 'oat'." in failure(
        lambda: response.assert_cookie("flavour", "rye")
    )
    assert "Expected cookie 'flavour' not to be set." in failure(
        lambda: response.assert_cookie_missing("flavour")
    )


def test_see_escapes_like_a_template_does(make: Make) -> None:
    response = make(200, text="<p>Tom &amp; Jerry</p>")

    response.assert_see("Tom & Jerry").assert_see("<p>", escape=False).assert_dont_see("<p>")
    assert "Expected to see 'Bugs' in the body." in failure(lambda: response.assert_see("Bugs"))
    assert "Expected not to see '<p>' in the body." in failure(
        lambda: response.assert_dont_see("<p>", escape=False)
    )


def test_json_assertions(make: Make) -> None:
    body = {"data": [{"id": 1, "name": "Ada", "tags": ["x"]}, {"id": 2, "name": "Alan"}]}
    response = make(200, json=body)

    response.assert_json({"data": [{"id": 1}]}).assert_exact_json(body)
    response.assert_json_path("data.0.id", 1).assert_json_path("data.1.name")
    response.assert_json_path("data.0.id", lambda value: value > 0)
    response.assert_json_missing_path("data.5").assert_json_count(2, "data")
    response.assert_json_structure({"data": {"*": ["id", "name"]}})
    assert "The JSON body does not contain:" in failure(lambda: response.assert_json({"x": 1}))
    assert "The JSON body is not exactly:" in failure(lambda: response.assert_exact_json({}))
    assert "The JSON body has nothing at path 'data.9'." in failure(
        lambda: response.assert_json_path("data.9")
    )
    assert "At JSON path 'data.0.id' expected 5 but found 1." in failure(
        lambda: response.assert_json_path("data.0.id", 5)
    )
    assert "Expected nothing at JSON path 'data.0' but found" in failure(
        lambda: response.assert_json_missing_path("data.0")
    )
    assert "Expected 3 items at JSON path 'data' but found 2." in failure(
        lambda: response.assert_json_count(3, "data")
    )
    assert "Expected 1 items at JSON path 'data.0.id' but found 1, not a list." in failure(
        lambda: response.assert_json_count(1, "data.0.id")
    )
    assert "The JSON body lacks: data.1.tags." in failure(
        lambda: response.assert_json_structure({"data": {"*": ["tags"]}})
    )
    assert "Expected a JSON body, but it is not valid JSON." in failure(
        lambda: make(200, text="<html>").assert_json({})
    )


def test_validation_error_assertions(make: Make) -> None:
    errors = {"email": ["The email field is required."]}
    response = make(422, json={"message": "Invalid.", "errors": errors})

    response.assert_validation_errors("email").assert_validation_errors(["email"])
    response.assert_validation_errors({"email": "required"}).assert_no_validation_errors("name")
    make(200, json={}).assert_no_validation_errors()
    assert "No validation error for 'name'; the errors are for: email." in failure(
        lambda: response.assert_validation_errors("name")
    )
    assert "The validation errors of 'email' do not mention 'unique'." in failure(
        lambda: response.assert_validation_errors({"email": "unique"})
    )
    assert "Unexpected validation errors for: email." in failure(
        response.assert_no_validation_errors
    )
    assert "Expected validation errors: status 422 with a JSON body" in failure(
        lambda: make(200, json={}).assert_validation_errors("email")
    )


def test_view_assertions(make: Make) -> None:
    response = make(200, views=(RenderedView("users.show", {"user": "Ada"}),))

    response.assert_view_is("users.show").assert_view_has("user").assert_view_has("user", "Ada")
    assert "Expected view 'home' but 'users.show' was rendered." in failure(
        lambda: response.assert_view_is("home")
    )
    assert "View 'users.show' has no 'x'; it has: user." in failure(
        lambda: response.assert_view_has("x")
    )
    assert "View 'users.show' has user='Ada', expected 'Bob'." in failure(
        lambda: response.assert_view_has("user", "Bob")
    )
    assert "Expected a rendered view, but the response rendered none." in failure(
        lambda: make(200).assert_view_is("home")
    )


def test_session_assertions(make: Make) -> None:
    response = make(302, session={"status": "Saved", "cart": [1]})

    response.assert_session_has("status").assert_session_has("cart", [1])
    response.assert_session_missing("user")
    assert "Expected the session to have 'user'; it has: cart, status." in failure(
        lambda: response.assert_session_has("user")
    )
    assert "Expected session 'cart' to be [2] but it is [1]." in failure(
        lambda: response.assert_session_has("cart", [2])
    )
    assert "Expected the session not to have 'status' but it is 'Saved'." in failure(
        lambda: response.assert_session_missing("status")
    )
    assert "Expected the session to have 'user'; it is empty." in failure(
        lambda: make(200, session={}).assert_session_has("user")
    )
    assert "Response to GET /thing: 302 Found" in failure(
        lambda: response.assert_session_has("user")
    )


def test_session_assertions_without_a_session(make: Make) -> None:
    response = make(200)

    response.assert_session_missing("user")
    assert "Expected a session, but the request ran none" in failure(
        lambda: response.assert_session_has("user")
    )
    assert "its route needs the `session` middleware" in failure(
        lambda: response.assert_session_has("user")
    )


def test_a_long_body_is_cut_in_the_failure(make: Make) -> None:
    message = failure(make(500, text="x" * 5000).assert_ok)

    assert "(3000 more characters)" in message
