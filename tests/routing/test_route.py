import pytest

from orionis.routing import Route, RouteCollection, RouteDefinition, RoutingError
from orionis.routing.route import flatten_middleware


class Auth:
    pass


def handler() -> None:
    pass


def test_fluent_methods_return_the_route(collection: RouteCollection) -> None:
    route = Route.get("/posts/{slug}", handler)
    assert isinstance(route, RouteDefinition)
    assert route.name("a") is route
    assert route.middleware("m") is route
    assert route.without_middleware("w") is route
    assert route.where("slug", "[a-z]+") is route
    assert route.defaults(page=1) is route


def test_name_is_replaced_not_appended(collection: RouteCollection) -> None:
    with Route.group(name="admin."):
        route = Route.get("/", handler).name("first").name("second")
    assert route.compile().name == "admin.second"


def test_unnamed_route_has_no_name(collection: RouteCollection) -> None:
    assert Route.get("/", handler).compile().name is None


def test_middleware_accepts_strings_classes_and_lists_in_order(collection: RouteCollection) -> None:
    route = Route.get("/", handler).middleware("auth", ["throttle:60,1", Auth]).middleware(Auth)
    assert route.compile().middleware == ("auth", "throttle:60,1", Auth, Auth)


def test_flatten_middleware() -> None:
    assert flatten_middleware(["a", ("b", Auth), Auth]) == ("a", "b", Auth, Auth)


def test_where_with_a_name_or_a_mapping(collection: RouteCollection) -> None:
    route = Route.get("/{a}/{b}", handler).where("a", "[0-9]+").where({"b": "x|y"})
    assert route.compile().wheres == {"a": "[0-9]+", "b": "x|y"}
    assert route.parameter_names == ("a", "b")


def test_where_on_unknown_parameter_suggests(collection: RouteCollection) -> None:
    route = Route.get("/posts/{slug}", handler)
    with pytest.raises(RoutingError) as caught:
        route.where("slg", "[a-z]+")
    message = str(caught.value)
    assert f".where() on route '/posts/{{slug}}' at {route.location}" in message
    assert "names 'slg', which is not one of its parameters (slug)" in message
    assert "Did you mean 'slug'?" in message


def test_where_without_pattern(collection: RouteCollection) -> None:
    route = Route.get("/posts/{slug}", handler)
    with pytest.raises(RoutingError, match=r"\.where\('slug'\) on route .* has no pattern"):
        route.where("slug")


def test_where_with_invalid_regex(collection: RouteCollection) -> None:
    route = Route.get("/posts/{slug}", handler)
    with pytest.raises(RoutingError) as caught:
        route.where("slug", "[a-")
    assert "'[a-' is not a valid regular expression" in str(caught.value)
    assert route.location in str(caught.value)


def test_where_with_named_group(collection: RouteCollection) -> None:
    route = Route.get("/posts/{slug}", handler)
    with pytest.raises(RoutingError, match=r"contains a named group.*Use \(\?:\.\.\.\)"):
        route.where("slug", "(?P<x>a)")


def test_defaults_accumulate(collection: RouteCollection) -> None:
    route = Route.get("/{page?}", handler).defaults(page="1").defaults(lang="en")
    assert route.compile().defaults == {"page": "1", "lang": "en"}


def test_repr_names_methods_path_and_location(collection: RouteCollection) -> None:
    route = Route.get("/x", handler)
    assert repr(route) == f"<RouteDefinition GET|HEAD /x at {route.location}>"
