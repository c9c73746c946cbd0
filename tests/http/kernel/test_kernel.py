"""The kernel's routing through RSGI and ASGI: matching, HEAD, OPTIONS, 404, 405, fallback."""

from __future__ import annotations

from orionis.foundation.application import Application
from tests.http.kernel import controllers as c
from tests.http.kernel.conftest import AppFactory, Call
from tests.support.drivers import SENT

ROUTES = """
Route.get("/", c.returns_text)
Route.get("/users/{id:int}", (c.UserController, "show")).name("users.show")
Route.get("/plain/{id}", c.untyped_text)
Route.get("/converted/{id}/{ratio}", c.converted)
Route.get("/archive/{year?:int}", c.archive)
Route.get("/untyped-archive/{year?}", c.archive)
Route.get("/sync-archive/{year?}", c.sync_archive)
Route.get("/uuid/{id}", c.by_uuid)
Route.post("/items", c.returns_dict)
Route.delete("/items", c.returns_none)
"""


async def test_static_route(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/")
    assert response.status == 200
    assert response.text == "<b>hi</b>"


async def test_typed_param_arrives_converted(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/users/42")
    assert response.json() == {"id": 42, "type": "int"}


async def test_typed_param_rejects_text_with_404(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    assert (await call(app, "GET", "/users/abc")).status == 404


async def test_untyped_param_stays_a_string(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    assert (await call(app, "GET", "/plain/7")).json() == {"id": "7", "type": "str"}


async def test_untyped_param_converted_to_its_annotation(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/converted/7/2.5")
    assert response.json() == {"id": 7, "ratio": 2.5, "types": ["int", "float"]}


async def test_annotation_conversion_failure_is_404(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    assert (await call(app, "GET", "/converted/seven/2.5")).status == 404


async def test_optional_param_present_and_absent(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    assert (await call(app, "GET", "/archive/2024")).json() == {"year": 2024}
    assert (await call(app, "GET", "/archive")).json() == {"year": None}


async def test_optional_param_converted_to_its_optional_annotation(
    make_app: AppFactory, call: Call
) -> None:
    app = await make_app(web=ROUTES)
    for prefix in ("/untyped-archive", "/sync-archive"):
        assert (await call(app, "GET", f"{prefix}/2024")).json() == {"year": 2024}
        assert (await call(app, "GET", prefix)).json() == {"year": None}
        assert (await call(app, "GET", f"{prefix}/last")).status == 404


async def test_untyped_param_converted_to_uuid(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    value = "12345678-1234-5678-1234-567812345678"
    assert (await call(app, "GET", f"/uuid/{value}")).json() == {"id": value, "type": "UUID"}
    assert (await call(app, "GET", "/uuid/not-a-uuid")).status == 404


async def test_head_is_get_without_body(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    get = await call(app, "GET", "/users/1")
    head = await call(app, "HEAD", "/users/1")
    assert head.status == 200
    assert head.body == b""
    assert head.headers["content-type"] == "application/json"
    assert head.headers["content-length"] == str(len(get.body))


async def test_options_answers_204_with_allow(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "OPTIONS", "/items")
    assert response.status == 204
    assert response.body == b""
    assert response.headers["allow"] == "DELETE, OPTIONS, POST"


async def test_wrong_method_is_405_with_allow(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "PUT", "/users/3")
    assert response.status == 405
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"


async def test_unknown_path_is_404(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/nowhere")
    assert response.status == 404
    assert "Not Found" in response.text


async def test_fallback_answers_unknown_paths(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES + "Route.fallback(c.returns_list)\n")
    response = await call(app, "GET", "/nowhere/at/all")
    assert response.status == 200
    assert response.json() == [1, 2, 3]


async def test_fallback_runs_inside_the_web_group(make_app: AppFactory, call: Call) -> None:
    config = {"http": "middleware_groups = {'web': [m.SeeStatus]}\n"}
    app = await make_app(web=ROUTES + "Route.fallback(c.returns_list)\n", config=config)
    response = await call(app, "GET", "/nowhere")
    assert response.headers["x-seen-status"] == "200"


async def test_fallback_does_not_hide_405(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES + "Route.fallback(c.returns_list)\n")
    assert (await call(app, "PUT", "/users/3")).status == 405


async def test_view_route_renders_template(make_app: AppFactory, call: Call) -> None:
    routes = 'Route.view("/welcome/{name}", "pages.welcome", {"greeting": "Hi"})\n'
    views = {"pages/welcome.html": "{{ greeting }}, {{ name }}!"}
    app = await make_app(web=routes, views=views)
    response = await call(app, "GET", "/welcome/Ada")
    assert response.status == 200
    assert response.text == "Hi, Ada!"
    assert response.headers["content-type"] == "text/html; charset=utf-8"


async def test_redirect_route(make_app: AppFactory, call: Call) -> None:
    routes = 'Route.redirect("/old", "/new", 307)\nRoute.permanent_redirect("/older", "/new")\n'
    app = await make_app(web=routes)
    temporary = await call(app, "POST", "/old")
    assert (temporary.status, temporary.headers["location"]) == (307, "/new")
    permanent = await call(app, "GET", "/older")
    assert (permanent.status, permanent.headers["location"]) == (301, "/new")


async def test_health_route(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES)
    response = await call(app, "GET", "/up")
    assert response.status == 200
    assert response.json() == {"status": "up"}


async def test_no_health_route_unless_asked(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, health=None)
    assert (await call(app, "GET", "/up")).status == 404


async def test_api_routes_get_prefix_and_api_group(make_app: AppFactory, call: Call) -> None:
    config = {"http": "middleware_groups = {'web': [m.WebMarker], 'api': [m.ApiMarker]}\n"}
    api = 'Route.get("/info", c.route_info).name("api.info")\n'
    web = 'Route.get("/info", c.route_info).name("web.info")\n'
    app = await make_app(web=web, api=api, config=config)
    api_response = await call(app, "GET", "/api/info")
    assert api_response.json() == {"name": "api.info", "middleware": ["api"], "path": "/api/info"}
    assert api_response.headers.get_all("x-trace") == ["api"]
    web_response = await call(app, "GET", "/info")
    assert web_response.json() == {"name": "web.info", "middleware": ["web"], "path": "/info"}
    assert web_response.headers.get_all("x-trace") == ["web"]


def _connection(app: Application) -> None:
    app.scoped(c.Connection, c.open_connection)


async def test_scope_closes_after_response_and_terminators(
    make_app: AppFactory, call: Call
) -> None:
    routes = 'Route.get("/db", c.uses_connection).middleware(m.AfterResponse)\n'
    app = await make_app(web=routes, setup=_connection)
    response = await call(app, "GET", "/db", events=c.events)
    assert response.text == "db"
    assert c.events == ["handle", "open", "use db", SENT, "terminate:200", "close"]


async def test_scope_closes_after_a_failing_action(make_app: AppFactory, call: Call) -> None:
    routes = 'Route.get("/db", c.crash).middleware(m.NeedsConnection)\n'
    app = await make_app(web=routes, setup=_connection)
    response = await call(app, "GET", "/db", events=c.events)
    assert response.status == 500
    assert c.events == ["open", SENT, "close"]


def _async_connection(app: Application) -> None:
    app.scoped(c.Connection, c.open_async_connection)


async def test_async_scoped_factories_open_with_the_request_scope(
    make_app: AppFactory, call: Call
) -> None:
    app = await make_app(web='Route.get("/db", c.uses_connection)\n', setup=_async_connection)
    response = await call(app, "GET", "/db", events=c.events)
    assert response.text == "async db"
    assert c.events == ["open async", "use async db", SENT, "close async"]
