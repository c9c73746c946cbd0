"""``redirect()`` from actions, through RSGI and ASGI."""

from __future__ import annotations

from tests.http.kernel.conftest import AppFactory, Call
from tests.support.drivers import HOST

ROUTES = """
Route.get("/users/{id:int}", (c.UserController, "show")).name("users.show")
Route.get("/go", c.to_user)
Route.post("/back", c.back)
"""


async def test_redirect_to_named_route(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/go")
    assert response.status == 302
    assert response.headers["location"] == "/users/1"


async def test_back_follows_a_same_host_referer(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    referer = f"http://{HOST}/form?step=2"
    response = await call(app, "POST", "/back", headers=[("referer", referer)])
    assert (response.status, response.headers["location"]) == (302, referer)


async def test_back_ignores_a_foreign_referer(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    headers = [("referer", "https://evil.example/phish")]
    response = await call(app, "POST", "/back", headers=headers)
    assert response.headers["location"] == "/home"


async def test_back_without_referer_uses_the_fallback(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    assert (await call(app, "POST", "/back")).headers["location"] == "/home"


async def test_back_ignores_referers_without_scheme_and_host(
    make_app: AppFactory, call: Call
) -> None:
    app = await make_app(web=ROUTES)
    # Browsers read "/\evil" as "//evil" and "https:evil" as "https://evil": both leave the site.
    for referer in ("/\\evil.example/x", "https:evil.example", "//evil.example/x"):
        response = await call(app, "POST", "/back", headers=[("referer", referer)])
        assert response.headers["location"] == "/home", referer
