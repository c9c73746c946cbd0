"""Every HTML page the framework renders escapes hostile input: error pages (built in and the
application's templates), the debug page, and views. Through RSGI and ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.http.trust import Project, Send, sender

HOSTILE = "<script>alert('x')</script>\"'&"
ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&#34;&#39;&amp;"  # MarkupSafe's form
ROUTES = """
Route.get("/crash", t.crash_with_input)
Route.get("/abort", t.abort_with_input)
Route.get("/view", t.hostile_view)
"""
QUERY = urlencode({"x": HOSTILE, "v": HOSTILE}).encode()


@pytest.fixture
async def project(tmp_path: Path) -> AsyncIterator[Project]:
    async with Project(tmp_path) as built:
        yield built


@pytest.fixture(params=["rsgi", "asgi"])
def send(request: pytest.FixtureRequest) -> Send:
    return sender(request.param)


def assert_inert(html: str) -> None:
    assert "<script>" not in html
    assert "alert('x')" not in html and "\"'&" not in html


async def test_the_built_in_error_page_escapes_the_message(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES)
    response = await send(app, "GET", "/abort", query=QUERY)
    assert response.status == 422
    assert_inert(response.text)
    assert "No such thing: &lt;script&gt;" in response.text


async def test_an_error_template_escapes_the_message(project: Project, send: Send) -> None:
    views = {"errors/422.html": "<h1>{{ status }}</h1><p>{{ message }}</p>"}
    app = await project.app(web=ROUTES, views=views)
    response = await send(app, "GET", "/abort", query=QUERY)
    assert response.status == 422
    assert response.text == f"<h1>422</h1><p>No such thing: {ESCAPED}</p>"


async def test_views_escape_data(project: Project, send: Send) -> None:
    views = {"echo.html": '<p title="{{ value }}">{{ value }}</p>'}
    app = await project.app(web=ROUTES, views=views)
    response = await send(app, "GET", "/view", query=QUERY)
    assert response.status == 200
    assert response.text == f'<p title="{ESCAPED}">{ESCAPED}</p>'


async def test_the_debug_page_escapes_message_url_and_headers(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES, env="APP_ENV=local\nAPP_DEBUG=true\n")
    headers = [("x-note", HOSTILE), ("user-agent", "<img src=x onerror=alert(1)>")]
    response = await send(app, "GET", "/crash", query=QUERY, headers=headers)
    assert response.status == 500
    assert_inert(response.text)
    assert "<img" not in response.text
    assert "ValueError: cannot handle &lt;script&gt;" in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text


async def test_the_debug_page_renders_for_a_malformed_host(project: Project, send: Send) -> None:
    # Without `trust_hosts` a malformed Host only fails where it is read: the debug page of
    # another error must still render (without the URL), not fail in the exception handler.
    app = await project.app(web=ROUTES, env="APP_ENV=local\nAPP_DEBUG=true\n")
    headers = [("host", "<script>@good.com")]
    response = await send(app, "GET", "/crash", query=QUERY, headers=headers)
    assert response.status == 500
    assert_inert(response.text)
    assert "<b>GET</b> /crash</p>" in response.text


async def test_production_error_pages_show_no_input(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES, env="APP_ENV=production\nAPP_DEBUG=false\n")
    response = await send(app, "GET", "/crash", query=QUERY)
    assert response.status == 500
    assert "cannot handle" not in response.text and "&lt;script" not in response.text
