"""The ``trust_hosts`` middleware and the host check behind every URL, through RSGI and ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.http.trust import LINK_VIEW, Project, Send, sender

ROUTES = """
Route.get("/whoami", t.whoami)
Route.get("/link", t.link)
"""
TRUSTED = """
middleware = ["trust_hosts"]
trusted_hosts = ["good.com", "*.tenants.good.com"]
"""
JSON = ("accept", "application/json")

# Host values a client can send (Granian passes every one of them through, measured) that
# must never be used: user info, a bad port, a path, whitespace and control characters, an
# empty or over-long value, broken IPv6 literals, escapes and non-ASCII.
POISONED = [
    "evil.com@good.com",
    "good.com@evil.com",
    "good.com:bad",
    "good.com:99999",
    "good.com:",
    "good.com/..",
    "good.com/evil",
    "good.com\\evil.com",
    "good.com?x=1",
    "good.com#frag",
    "good.com evil.com",
    "good.com\r\nX-Injected: 1",
    "good.com\nevil.com",
    "good.com\x00.evil.com",
    "good.com\t",
    "",
    " ",
    "a" * 300 + ".good.com",
    "good..com",
    ".good.com",
    "[::1",
    "[not-an-ip]",
    "[::1]x",
    "good.com%2f..",
    "good.com%00",
    "gööd.com",
    "good.com,evil.com",
    "good.com;evil.com",
    "<script>.good.com",
    "'good.com'",
]


@pytest.fixture
async def project(tmp_path: Path) -> AsyncIterator[Project]:
    async with Project(tmp_path) as built:
        yield built


@pytest.fixture(params=["rsgi", "asgi"])
def send(request: pytest.FixtureRequest) -> Send:
    return sender(request.param)


async def test_a_trusted_host_is_served_whatever_its_case_and_port(
    project: Project, send: Send
) -> None:
    app = await project.app(web=ROUTES, http=TRUSTED)
    for host in ("good.com", "GOOD.com:8443", "good.com."):
        response = await send(app, "GET", "/whoami", headers={"host": host})
        assert response.status == 200, host
        assert response.json()["http_host"] == host


async def test_subdomain_patterns_match_subdomains_only(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES, http=TRUSTED)
    for host in ("a.tenants.good.com", "x.y.tenants.good.com:8000"):
        assert (await send(app, "GET", "/whoami", headers={"host": host})).status == 200, host
    for host in ("tenants.good.com", "eviltenants.good.com", "tenants.good.com.evil.net"):
        assert (await send(app, "GET", "/whoami", headers={"host": host})).status == 400, host


async def test_another_host_is_400_before_routing(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES, http=TRUSTED)
    html = await send(app, "GET", "/no-such-page", headers={"host": "evil.com"})
    assert html.status == 400  # not 404: the host is checked before the router runs
    assert html.headers["content-type"].startswith("text/html")
    assert "Invalid Host header" in html.text
    json = await send(app, "GET", "/whoami", headers=[("host", "evil.com"), JSON])
    assert (json.status, json.json()) == (400, {"message": "Invalid Host header"})


@pytest.mark.parametrize("host", POISONED)
async def test_poisoned_hosts_are_400_even_if_a_pattern_would_match(
    project: Project, send: Send, host: str
) -> None:
    app = await project.app(web=ROUTES, http=TRUSTED)
    response = await send(app, "GET", "/whoami", headers=[("host", host), JSON])
    assert (response.status, response.json()) == (400, {"message": "Invalid Host header"})


@pytest.mark.parametrize("host", POISONED)
async def test_poisoned_hosts_are_400_when_every_host_is_trusted(
    project: Project, send: Send, host: str
) -> None:
    app = await project.app(web=ROUTES, http='middleware = ["trust_hosts"]\n')
    response = await send(app, "GET", "/whoami", headers=[("host", host), JSON])
    assert (response.status, response.json()) == (400, {"message": "Invalid Host header"})


async def test_an_empty_list_outside_production_trusts_any_well_formed_host(
    project: Project, send: Send
) -> None:
    app = await project.app(web=ROUTES, http='middleware = ["trust_hosts"]\n', env="APP_ENV=local")
    for host in ("anything.test", "127.0.0.1:8000", "[::1]:8000", "under_score.internal"):
        response = await send(app, "GET", "/whoami", headers={"host": host})
        assert (response.status, response.json()["http_host"]) == (200, host)


async def test_production_defaults_to_the_host_of_app_url(project: Project, send: Send) -> None:
    env = "APP_ENV=production\nAPP_URL=https://shop.example:8443/base\n"
    app = await project.app(web=ROUTES, http='middleware = ["trust_hosts"]\n', env=env)
    assert (await send(app, "GET", "/whoami", headers={"host": "shop.example"})).status == 200
    assert (await send(app, "GET", "/whoami", headers={"host": "other.example"})).status == 400


async def test_configured_hosts_replace_the_production_default(
    project: Project, send: Send
) -> None:
    env = "APP_ENV=production\nAPP_URL=https://shop.example\n"
    app = await project.app(web=ROUTES, http=TRUSTED, env=env)
    assert (await send(app, "GET", "/whoami", headers={"host": "good.com"})).status == 200
    assert (await send(app, "GET", "/whoami", headers={"host": "shop.example"})).status == 400


async def test_http_1_1_without_a_host_is_400(project: Project, send: Send) -> None:
    # Granian's ASGI side sends an empty Host then, its RSGI side none: both are refused.
    app = await project.app(web=ROUTES, http='middleware = ["trust_hosts"]\n')
    response = await send(app, "GET", "/whoami", headers={"host": ""})
    assert response.status == 400


async def test_urls_are_built_on_the_checked_host(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES, http=TRUSTED, views=LINK_VIEW)
    page = await send(app, "GET", "/link", headers={"host": "a.tenants.good.com"})
    assert (page.status, page.text) == (200, "http://a.tenants.good.com/reset/token")
    headers = {"host": "good.com:8443"}
    info = (await send(app, "GET", "/whoami", query=b"a=1", headers=headers)).json()
    assert info["url"] == "http://good.com:8443/whoami?a=1"
    assert (info["host"], info["port"]) == ("good.com", 8443)


@pytest.mark.parametrize("host", ["evil.com@good.com", "good.com/..", "good.com\r\nX: 1"])
async def test_without_the_middleware_no_url_is_built_on_a_malformed_host(
    project: Project, send: Send, host: str
) -> None:
    app = await project.app(web=ROUTES, http="middleware = []\n", views=LINK_VIEW)
    page = await send(app, "GET", "/link", headers=[("host", host), JSON])
    assert (page.status, page.json()) == (400, {"message": "Invalid Host header"})
