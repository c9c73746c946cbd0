"""``route:list``: the compiled routes, filtered, as a table or JSON."""

from __future__ import annotations

import json

from tests.console.conftest import Project

ROUTES = """
    from orionis.routing import Route

    from app.controllers import Passthrough, PhotoController, Ping


    def home() -> str:
        return "home"


    Route.get("/", home).name("home")
    Route.view("/about", "about").name("about")
    Route.redirect("/old", "/new", 301)
    Route.post("/ping", Ping).name("ping").middleware("throttle:60,1", Passthrough)
    with Route.group(prefix="/admin", name="admin.", middleware=["auth"]):
        Route.resource("photos", PhotoController, only=["index", "show"])
        Route.get("/open", home).name("open").without_middleware("auth")
    Route.fallback(home)
"""

CONTROLLERS = """
    class PhotoController:
        async def index(self) -> list[str]:
            return []

        async def show(self, photo: str) -> str:
            return photo


    class Ping:
        async def __call__(self) -> str:
            return "pong"


    class Passthrough:
        async def handle(self, request, next, *params):
            return await next(request)
"""

HTTP_CONFIG = """
    from app.controllers import Passthrough

    middleware_aliases = {"auth": Passthrough, "throttle": Passthrough}
"""


def _routes(project: Project) -> Project:
    project.write("app/controllers.py", CONTROLLERS)
    project.write("config/http.py", HTTP_CONFIG)
    project.write("routes/web.py", ROUTES)
    return project


def test_route_list_shows_method_path_name_action_and_middleware(project: Project) -> None:
    result = _routes(project).run("route:list")

    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [cell.strip() for cell in lines[1].strip("| ").split(" | ")] == [
        "Method",
        "Path",
        "Name",
        "Action",
        "Middleware",
    ]
    rows = [[cell.strip() for cell in line.strip("| ").split(" | ")] for line in lines[3:-1]]
    assert rows == [
        ["GET|HEAD", "/", "home", "orionis.routes.web.home", "web"],
        ["GET|HEAD", "/about", "about", "view: about", "web"],
        ["GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS", "/old", "", "redirect: /new (301)", "web"],
        [
            "POST",
            "/ping",
            "ping",
            "app.controllers.Ping",
            "web, throttle:60,1, app.controllers.Passthrough",
        ],
        [
            "GET|HEAD",
            "/admin/photos",
            "admin.photos.index",
            "app.controllers.PhotoController@index",
            "web, auth",
        ],
        [
            "GET|HEAD",
            "/admin/photos/{photo}",
            "admin.photos.show",
            "app.controllers.PhotoController@show",
            "web, auth",
        ],
        ["GET|HEAD", "/admin/open", "admin.open", "orionis.routes.web.home", "web"],
        [
            "GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS",
            "(fallback)",
            "",
            "orionis.routes.web.home",
            "web",
        ],
    ]


def test_route_list_filters_by_method_name_and_path(project: Project) -> None:
    _routes(project)

    def paths(*argv: str) -> list[str]:
        result = project.run("route:list", "--json", *argv)
        assert result.code == 0, result.err
        return [route["path"] for route in json.loads(result.out)]

    assert paths("--method", "post") == ["/old", "/ping", "(fallback)"]
    assert paths("--name", "admin.") == ["/admin/photos", "/admin/photos/{photo}", "/admin/open"]
    assert paths("--path", "/photos/") == ["/admin/photos/{photo}"]
    assert paths("--method", "GET", "--path", "/admin", "--name", "show") == [
        "/admin/photos/{photo}"
    ]


def test_route_list_json_gives_every_field(project: Project) -> None:
    result = _routes(project).run("route:list", "--json", "--name", "ping")

    assert json.loads(result.out) == [
        {
            "methods": ["POST"],
            "path": "/ping",
            "name": "ping",
            "action": "app.controllers.Ping",
            "middleware": ["web", "throttle:60,1", "app.controllers.Passthrough"],
        }
    ]


def test_route_list_says_when_nothing_matches(project: Project) -> None:
    result = project.run("route:list", "--path", "/nowhere")

    assert (result.code, result.out) == (0, "No routes match.\n")


def test_route_list_says_when_there_are_no_routes(project: Project) -> None:
    project.write("routes/web.py", "")

    result = project.run("route:list")

    assert (result.code, result.out) == (0, "The application has no routes.\n")
