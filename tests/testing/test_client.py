"""The in-process client: both kernels, cookies, headers, uploads, middleware, exceptions."""

from __future__ import annotations

import pytest

from orionis import Application
from orionis.testing import TestClient, TestingError

pytestmark = pytest.mark.parametrize("kernel", ["rsgi", "asgi"])


async def test_cookies_set_by_the_app_are_sent_with_later_requests(
    demo_app: Application, kernel: str
) -> None:
    client = TestClient(demo_app, kernel=kernel)

    (await client.get("/cookie/set")).assert_cookie("flavour", "oat")
    (await client.get("/cookie/show")).assert_exact_json({"cookies": {"flavour": "oat"}})
    (await client.get("/cookie/forget")).assert_ok()
    (await client.get("/cookie/show")).assert_exact_json({"cookies": {}})


async def test_cookies_given_to_the_client_or_one_request(
    demo_app: Application, kernel: str
) -> None:
    client = TestClient(demo_app, kernel=kernel).with_cookie("a", "1")

    response = await client.get("/cookie/show", cookies={"b": "2"})

    response.assert_exact_json({"cookies": {"a": "1", "b": "2"}})
    (await client.get("/cookie/show")).assert_exact_json({"cookies": {"a": "1"}})


async def test_headers_json_and_form_data_reach_the_app(demo_app: Application, kernel: str) -> None:
    client = TestClient(demo_app, kernel=kernel).with_headers({"X-Test": "on"})

    as_json = await client.post("/echo", json={"name": "Ada"})
    as_form = await client.post("/echo", data={"name": "Alan"}, headers={"x-test": "once"})

    as_json.assert_exact_json({"header": "on", "input": {"name": "Ada"}})
    as_form.assert_exact_json({"header": "once", "input": {"name": "Alan"}})


async def test_files_are_uploaded_as_multipart(demo_app: Application, kernel: str) -> None:
    client = TestClient(demo_app, kernel=kernel)

    response = await client.post("/upload", files={"avatar": ("me.png", b"\x89PNG", "image/png")})

    response.assert_ok().assert_exact_json({"name": "me.png", "type": "image/png"})


async def test_an_error_becomes_a_500_and_is_kept_on_the_response(
    demo_app: Application, kernel: str
) -> None:
    response = await TestClient(demo_app, kernel=kernel).get("/boom")

    response.assert_status(500)
    assert isinstance(response.exception, RuntimeError)
    with pytest.raises(AssertionError) as failure:
        response.assert_ok()
    assert "Expected status 200 but got 500." in str(failure.value)
    assert "RuntimeError: kaboom" in str(failure.value)


async def test_without_exception_handling_the_error_reaches_the_test(
    demo_app: Application, kernel: str
) -> None:
    client = TestClient(demo_app, kernel=kernel).without_exception_handling()

    with pytest.raises(RuntimeError, match="kaboom"):
        await client.get("/boom")
    client.with_exception_handling()
    (await client.get("/boom")).assert_status(500)


async def test_exceptions_handled_anyway_still_become_responses(
    demo_app: Application, kernel: str
) -> None:
    from orionis.http import HttpException

    client = TestClient(demo_app, kernel=kernel).without_exception_handling(HttpException)

    (await client.get("/nowhere")).assert_not_found()


async def test_without_middleware_skips_the_named_class_until_the_client_closes(
    demo_app: Application, kernel: str
) -> None:
    deny = _route_middleware(demo_app, "Deny")
    async with TestClient(demo_app, kernel=kernel) as client:
        client.without_middleware(deny)
        (await client.get("/denied")).assert_ok().assert_see("secret").assert_header("x-stamp")
    (await TestClient(demo_app, kernel=kernel).get("/denied")).assert_forbidden()


async def test_without_middleware_and_no_class_skips_all_of_them(
    demo_app: Application, kernel: str
) -> None:
    async with TestClient(demo_app, kernel=kernel) as client:
        response = await client.without_middleware().get("/denied")

    response.assert_ok().assert_header_missing("x-stamp")


async def test_rendered_views_are_recorded(demo_app: Application, kernel: str) -> None:
    response = await TestClient(demo_app, kernel=kernel).get("/greet/Ada")

    response.assert_ok().assert_view_is("greeting").assert_view_has("name", "Ada")


def test_an_unknown_kernel_is_refused_with_a_suggestion(demo_app: Application, kernel: str) -> None:
    with pytest.raises(TestingError, match=r"Unknown kernel 'rsig'\. Did you mean 'rsgi'\?"):
        TestClient(demo_app, kernel="rsig")


def _route_middleware(app: Application, name: str) -> type:
    from orionis.routing import Router

    route = next(r for r in app.make(Router).routes if r.path == "/denied")
    return next(m for m in route.middleware if getattr(m, "__name__", "") == name)
