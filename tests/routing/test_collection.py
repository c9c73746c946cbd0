import pytest

from orionis.routing import Route, RouteCollection, Router, RoutingError


def handler() -> None:
    pass


def test_add_without_location_uses_the_caller() -> None:
    routes = RouteCollection()
    route = routes.add(["GET"], "/x", handler)
    assert route.location.startswith(f"{__file__}:")
    assert routes.routes == (route,)


def test_collection_group_context_manager() -> None:
    routes = RouteCollection()
    with routes.group(prefix="/api", name="api.") as group:
        route = routes.add(["GET"], "/x", handler).name("x")
    assert group.prefix == "/api"
    compiled = route.compile()
    assert (compiled.path, compiled.name) == ("/api/x", "api.x")


def test_compile_returns_a_router_in_registration_order(collection: RouteCollection) -> None:
    first = Route.get("/a", handler)
    second = Route.post("/b", handler)
    router = collection.compile()
    assert isinstance(router, Router)
    assert [route.path for route in router.routes] == [first.path, second.path]
    assert router.fallback is None


def test_each_compile_builds_a_new_router(collection: RouteCollection) -> None:
    Route.get("/a", handler)
    assert collection.compile() is not collection.compile()


def test_converter_validation() -> None:
    routes = RouteCollection()
    with pytest.raises(RoutingError, match="'my-type' is not an identifier"):
        routes.converter("my-type", "[a-z]+")
    with pytest.raises(RoutingError, match="Parameter type 'hex': '\\[0-' is not a valid regular"):
        routes.converter("hex", "[0-")


def test_custom_converter_is_listed_and_used() -> None:
    routes = RouteCollection()
    routes.converter("hex", "[0-9a-f]+", lambda text: int(text, 16))
    assert "hex" in routes.converters
    with Route.collecting(routes):
        Route.get("/color/{value:hex}", handler)
    match = routes.compile().match("GET", "/color/ff")
    assert match is not None
    assert match.params == {"value": 255}


def test_unknown_converter_lists_custom_types_too() -> None:
    routes = RouteCollection()
    routes.converter("hex", "[0-9a-f]+")
    with pytest.raises(RoutingError, match="Known types: float, hex, int, path, slug, str, uuid"):
        routes.add(["GET"], "/{x:hexa}", handler)
