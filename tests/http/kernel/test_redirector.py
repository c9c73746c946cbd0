"""``redirect()`` from actions, through RSGI and ASGI."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from orionis.http.exceptions import InvalidHeaderError
from orionis.http.redirector import INTENDED_URL
from orionis.testing import TestClient
from tests.http.kernel.conftest import AppFactory, Call
from tests.http.trust import LOCAL_TARGETS, OPEN_REDIRECTS, WEB_GROUP, Project
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


# -- open redirects: back(), intended(), guest(), away(), to() ---------------------------------

TRUST_ROUTES = """
from tests.http import trust as t
Route.post("/back", t.back)
Route.get("/away", t.away)
Route.get("/to", t.redirect_to)
"""


def _as_sent(value: str) -> str:
    # A browser sends UTF-8; servers hand headers over decoded as latin-1.
    return value.encode("utf-8").decode("latin-1")


@pytest.mark.parametrize("referer", OPEN_REDIRECTS)
async def test_back_never_follows_a_referer_off_the_site(
    make_app: AppFactory, call: Call, referer: str
) -> None:
    app = await make_app(web=TRUST_ROUTES)
    response = await call(app, "POST", "/back", headers=[("referer", _as_sent(referer))])
    assert (response.status, response.headers["location"]) == (302, "/fallback")


@pytest.mark.parametrize("referer", LOCAL_TARGETS)
async def test_back_follows_a_referer_on_the_site(
    make_app: AppFactory, call: Call, referer: str
) -> None:
    app = await make_app(web=TRUST_ROUTES)
    response = await call(app, "POST", "/back", headers=[("referer", referer)])
    assert (response.status, response.headers["location"]) == (302, referer)


async def test_away_and_to_go_where_the_application_says(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=TRUST_ROUTES)
    away = await call(app, "GET", "/away")
    assert away.headers["location"] == "https://pay.example/checkout?order=7"
    to = await call(app, "GET", "/to", query=b"to=https://partner.example/x")
    assert to.headers["location"] == "https://partner.example/x"


@pytest.mark.parametrize(
    "target", ["/x\r\nSet-Cookie: admin=1", "/x\nX-Injected: 1", "/x\rY", "/x\x00y"]
)
async def test_a_redirect_with_a_line_break_is_a_500_and_injects_nothing(
    make_app: AppFactory, call: Call, target: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = await make_app(web=TRUST_ROUTES)
    with caplog.at_level(logging.ERROR, logger="orionis"):
        response = await call(app, "GET", "/to", query=urlencode({"to": target}).encode())
    assert response.status == 500
    assert "location" not in response.headers
    assert all(
        "injected" not in name and "admin" not in value for name, value in response.headers.pairs
    )
    assert "Server Error" in response.text and "Set-Cookie" not in response.text
    [record] = caplog.records
    assert record.exc_info is not None and isinstance(record.exc_info[1], InvalidHeaderError)
    assert isinstance(record.exc_info[1], ValueError)
    assert "Header 'location' cannot be sent" in str(record.exc_info[1])


# -- with a session: the previous page, guest() and intended() ------------------------------

SESSION_ROUTES = """
Route.get("/account", t.guest)
Route.get("/login/done", t.intended)
Route.get("/visit", t.visit)
Route.post("/back", t.back)
"""


@pytest.fixture
async def project(tmp_path: Path) -> AsyncIterator[Project]:
    async with Project(tmp_path) as built:
        yield built


async def _client(project: Project, kernel: str) -> TestClient:
    app = await project.app(web=SESSION_ROUTES, http=WEB_GROUP)
    return TestClient(app, kernel=kernel, base_url=f"http://{HOST}")


@pytest.mark.kernels("rsgi", "asgi")
async def test_intended_returns_to_the_page_guest_remembered(project: Project, kernel: str) -> None:
    async with await _client(project, kernel) as client:
        (await client.get("/account")).assert_redirect("/login")
        (await client.get("/login/done")).assert_redirect(f"http://{HOST}/account")
        (await client.get("/login/done")).assert_redirect("/home")  # taken out: once only


@pytest.mark.kernels("rsgi", "asgi")
@pytest.mark.parametrize("stored", [*OPEN_REDIRECTS[:20], 42])
async def test_intended_never_leaves_the_site(
    project: Project, kernel: str, stored: object
) -> None:
    async with await _client(project, kernel) as client:
        client.with_session({INTENDED_URL: stored})
        (await client.get("/login/done")).assert_redirect("/home")


@pytest.mark.kernels("rsgi", "asgi")
async def test_back_without_referer_uses_the_previous_page_of_the_session(
    project: Project, kernel: str
) -> None:
    async with await _client(project, kernel) as client:
        await client.get("/visit", params={"tab": "2"})
        (await client.post("/back")).assert_redirect(f"http://{HOST}/visit?tab=2")
        referer = {"referer": "//evil.example/"}  # a bad Referer: the session's page is next
        (await client.post("/back", headers=referer)).assert_redirect(f"http://{HOST}/visit?tab=2")
