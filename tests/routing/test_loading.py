from pathlib import Path

import pytest

from orionis.routing import RouteCollection, RoutingError, load_routes

ROUTE_FILE = """\
from orionis.routing import Route


def home():
    return "home"


Route.get("/", home).name("home")
Route.get("/users/{id:int}", home).name("users.show").middleware("auth")
"""


@pytest.fixture
def route_file(tmp_path: Path) -> Path:
    path = tmp_path / "web.py"
    path.write_text(ROUTE_FILE)
    return path


def test_load_routes_runs_the_file_into_the_collection(route_file: Path) -> None:
    routes = RouteCollection()
    load_routes(routes, route_file)
    router = routes.compile()
    assert [route.name for route in router.routes] == ["home", "users.show"]
    assert router.by_name("home").location == f"{route_file}:8"


def test_each_load_runs_the_file_again(route_file: Path) -> None:
    first, second = RouteCollection(), RouteCollection()
    load_routes(first, route_file)
    load_routes(second, route_file)
    assert len(first.routes) == len(second.routes) == 2
    assert first.routes[0] is not second.routes[0]
    assert first.routes[0].action is not second.routes[0].action


def test_prefix_middleware_and_name_wrap_the_file(route_file: Path) -> None:
    routes = RouteCollection()
    load_routes(routes, route_file, prefix="/api", middleware=["api"], name="api.")
    show = routes.compile().by_name("api.users.show")
    assert (show.path, show.middleware) == ("/api/users/{id:int}", ("api", "auth"))


def test_the_collection_is_released_after_loading(route_file: Path) -> None:
    from orionis.routing import Route

    load_routes(RouteCollection(), route_file)
    with pytest.raises(RoutingError, match="outside a route file"):
        Route.get("/", print)


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "api.py"
    with pytest.raises(RoutingError) as caught:
        load_routes(RouteCollection(), missing)
    assert str(caught.value) == (
        f"Route file {missing} does not exist. Create it, or remove it from app.with_routing()."
    )


def test_errors_in_the_file_name_its_line(tmp_path: Path) -> None:
    path = tmp_path / "web.py"
    path.write_text("from orionis.routing import Route\n\nRoute.get('/{id:integer}', print)\n")
    with pytest.raises(RoutingError, match=f"at {path}:3 uses unknown parameter type 'integer'"):
        load_routes(RouteCollection(), path)
