"""Actions through RSGI and ASGI: injection, scopes, worker threads, return values, abort."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from orionis.foundation.application import Application
from tests.http.kernel.conftest import AppFactory, Call
from tests.http.kernel.controllers import RequestCounter

ROUTES = """
Route.get("/greet/{name}", (c.UserController, "greet"))
Route.get("/who", (c.UserController, "who"))
Route.get("/sync-who", (c.UserController, "sync_who"))
Route.get("/invokable", c.InvokableController)
Route.get("/sync", c.sync_hello)
Route.get("/async", c.async_hello)
Route.get("/scoped", c.scoped).middleware(m.CounterProbe)
Route.get("/sync-scoped", c.sync_scoped).middleware(m.CounterProbe)
Route.get("/text", c.returns_text)
Route.get("/dict", c.returns_dict)
Route.get("/list", c.returns_list)
Route.get("/dataclass", c.returns_dataclass)
Route.get("/none", c.returns_none)
Route.get("/response", c.returns_response)
Route.get("/view/{name}", c.returns_view)
Route.get("/missing", c.not_found)
Route.get("/forbidden", c.forbidden)
Route.get("/stream", c.returns_stream).middleware(m.SeeStatus)
Route.get("/file", c.returns_file)
"""
VIEWS = {"hello.html": "<h1>Hello {{ name }}</h1>"}
JSON = [("accept", "application/json")]


def _scoped(app: Application) -> None:
    app.scoped(RequestCounter)


async def test_constructor_injection_of_services(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/greet/Ada")
    assert response.text == "Hello, Ada"


async def test_request_injected_in_constructor_and_action(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    assert (await call(app, "GET", "/who")).json() == {"same": True, "path": "/who"}


async def test_single_action_class(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    assert (await call(app, "GET", "/invokable")).text == "Hello, /invokable"


async def test_plain_functions_sync_and_async(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    assert (await call(app, "GET", "/sync")).text == "<p>sync</p>"
    assert (await call(app, "GET", "/async")).text == "<p>async</p>"


async def test_scoped_service_shared_within_a_request(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, setup=_scoped)
    first = (await call(app, "GET", "/scoped")).json()
    second = (await call(app, "GET", "/scoped")).json()
    assert first["shared"] is True
    assert first["middleware_serial"] == first["serial"]
    assert second["middleware_serial"] == second["serial"]
    assert first["serial"] != second["serial"]


async def test_concurrent_requests_have_their_own_scope(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, setup=_scoped)
    paths = ["/scoped", "/sync-scoped"] * 4
    results = [r.json() for r in await asyncio.gather(*(call(app, "GET", p) for p in paths))]
    assert all(result["serial"] == result["middleware_serial"] for result in results)
    assert len({result["serial"] for result in results}) == len(paths)


async def test_sync_action_runs_in_a_worker_thread_within_the_scope(
    make_app: AppFactory, call: Call
) -> None:
    app = await make_app(web=ROUTES, setup=_scoped)
    result = (await call(app, "GET", "/sync-scoped")).json()
    assert result["thread"] != threading.get_ident()
    assert result["path"] == "/sync-scoped"
    assert result["serial"] == result["middleware_serial"]


async def test_sync_controller_method_runs_in_a_worker_thread(
    make_app: AppFactory, call: Call
) -> None:
    app = await make_app(web=ROUTES)
    result = (await call(app, "GET", "/sync-who")).json()
    assert result["thread"] != threading.get_ident()
    assert result["same"] is True


async def test_str_becomes_html(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/text")
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text == "<b>hi</b>"


async def test_dict_list_and_dataclass_become_json(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    for path, expected in (
        ("/dict", {"a": 1}),
        ("/list", [1, 2, 3]),
        ("/dataclass", {"x": 1, "y": 2}),
    ):
        response = await call(app, "GET", path)
        assert response.headers["content-type"] == "application/json"
        assert response.json() == expected


async def test_none_becomes_204(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/none")
    assert (response.status, response.body) == (204, b"")


async def test_response_is_sent_as_is(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/response")
    assert (response.status, response.text) == (201, "made")
    assert response.headers["x-made"] == "yes"
    assert response.headers["content-type"] == "text/plain; charset=utf-8"


async def test_view_is_rendered(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, views=VIEWS)
    response = await call(app, "GET", "/view/<Ada>")
    assert response.text == "<h1>Hello &lt;Ada&gt;</h1>"
    assert response.headers["content-type"] == "text/html; charset=utf-8"


async def test_abort_404(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    html = await call(app, "GET", "/missing")
    assert html.status == 404
    assert "404 | Not Found" in html.text
    json = await call(app, "GET", "/missing", headers=JSON)
    assert (json.status, json.json()) == (404, {"message": "Not Found"})


async def test_abort_with_reason(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    html = await call(app, "GET", "/forbidden")
    assert html.status == 403
    assert "403 | Only owners may see this" in html.text
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    json = await call(app, "GET", "/forbidden", headers=JSON)
    assert (json.status, json.json()) == (403, {"message": "Only owners may see this"})


async def test_streamed_response(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/stream")
    assert (response.status, response.text) == (200, "0;1;2;")
    assert response.headers["x-seen-status"] == "200"


async def test_file_response_whole_and_range(
    make_app: AppFactory, call: Call, tmp_path: Path
) -> None:
    data = tmp_path / "data.bin"
    data.write_bytes(b"0123456789")
    app = await make_app(web=ROUTES)
    query = f"path={data}".encode()
    whole = await call(app, "GET", "/file", query=query)
    assert (whole.status, whole.body) == (200, b"0123456789")
    assert whole.headers["content-disposition"].startswith("attachment;")
    part = await call(app, "GET", "/file", query=query, headers=[("range", "bytes=2-4")])
    assert (part.status, part.body) == (206, b"234")
    assert part.headers["content-range"] == "bytes 2-4/10"
    head = await call(app, "HEAD", "/file", query=query)
    assert (head.status, head.body, head.headers["content-length"]) == (200, b"", "10")
