import sys

import pytest

from orionis.routing import Match, Route, RouteCollection, Router, RoutingError


def handler() -> None:
    pass


def other() -> None:
    pass


def line_before() -> int:
    return sys._getframe(1).f_lineno - 1


def test_static_match_returns_route_and_empty_params(collection: RouteCollection) -> None:
    route = Route.get("/about", handler).defaults(page="about")
    match = collection.compile().match("GET", "/about")
    assert isinstance(match, Match)
    assert match.route.path == route.path
    assert match.params == {"page": "about"}


def test_params_dict_is_fresh_per_match(collection: RouteCollection) -> None:
    Route.get("/about", handler)
    Route.get("/u/{id}", handler)
    router = collection.compile()
    for path in ("/about", "/u/1"):
        first = router.match("GET", path)
        assert first is not None
        first.params["added"] = True
        again = router.match("GET", path)
        assert again is not None
        assert "added" not in again.params


def test_static_beats_dynamic_whatever_the_order(collection: RouteCollection) -> None:
    Route.get("/users/{id}", other)
    Route.get("/users/create", handler)
    router = collection.compile()
    create = router.match("GET", "/users/create")
    assert create is not None
    assert create.route.action is handler
    assert create.params == {}


def test_static_path_with_other_method_falls_through_to_dynamic(
    collection: RouteCollection,
) -> None:
    Route.get("/users/create", handler)
    Route.put("/users/{id}", other)
    match = collection.compile().match("PUT", "/users/create")
    assert match is not None
    assert (match.route.action, match.params) == (other, {"id": "create"})


def test_head_matches_get_routes(collection: RouteCollection) -> None:
    Route.get("/a", handler)
    Route.get("/b/{x}", handler)
    router = collection.compile()
    assert router.match("HEAD", "/a") is not None
    assert router.match("HEAD", "/b/1") is not None
    assert router.match("POST", "/a") is None


def test_explicit_head_route_wins_over_get(collection: RouteCollection) -> None:
    Route.get("/a", handler)
    Route.match(["HEAD"], "/a", other)
    router = collection.compile()
    head, get = router.match("HEAD", "/a"), router.match("GET", "/a")
    assert head is not None
    assert get is not None
    assert (head.route.action, get.route.action) == (other, handler)


@pytest.mark.parametrize("path", ["/users", "/users/", "/users/5", "/users/5/"])
def test_one_trailing_slash_is_ignored(collection: RouteCollection, path: str) -> None:
    Route.get("/users", handler)
    Route.get("/users/{id}", handler)
    assert collection.compile().match("GET", path) is not None


def test_root_and_double_slash(collection: RouteCollection) -> None:
    Route.get("/", handler)
    Route.get("/users", handler)
    router = collection.compile()
    assert router.match("GET", "/") is not None
    assert router.match("GET", "/users//") is None


def test_allowed_methods(collection: RouteCollection) -> None:
    Route.get("/users", handler)
    Route.post("/users", handler)
    Route.delete("/users/{id:int}", handler)
    Route.put("/users/{id}", handler)
    router = collection.compile()
    assert router.allowed_methods("/users/") == ("GET", "HEAD", "OPTIONS", "POST")
    assert router.allowed_methods("/users/5") == ("DELETE", "OPTIONS", "PUT")
    assert router.allowed_methods("/users/x") == ("OPTIONS", "PUT")
    assert router.allowed_methods("/nothing") == ()


def test_fallback_is_exposed(collection: RouteCollection) -> None:
    Route.fallback(handler)
    router = collection.compile()
    assert router.fallback is not None
    assert router.fallback.action is handler
    assert router.match("GET", "/missing") is None


def test_by_name_and_has(collection: RouteCollection) -> None:
    Route.get("/", handler).name("home")
    router = collection.compile()
    assert router.by_name("home").path == "/"
    assert router.has("home")
    assert not router.has("hom")
    with pytest.raises(RoutingError) as caught:
        router.by_name("hom")
    assert "No route is named 'hom'. Did you mean 'home'?" in str(caught.value)
    assert ".name('hom')" in str(caught.value)


def test_duplicate_names_name_both_locations(collection: RouteCollection) -> None:
    Route.get("/a", handler).name("home")
    first = line_before()
    Route.get("/b", handler).name("home")
    second = line_before()
    with pytest.raises(RoutingError) as caught:
        collection.compile()
    message = str(caught.value)
    assert "Route name 'home' is used twice" in message
    assert f"at {__file__}:{first} (/a)" in message
    assert f"at {__file__}:{second} (/b)" in message
    assert "Rename one of them." in message


def test_same_pattern_with_other_names_conflicts(collection: RouteCollection) -> None:
    Route.get("/users/{id}", handler)
    first = line_before()
    Route.match(["POST", "GET"], "/users/{user}", handler)
    second = line_before()
    with pytest.raises(RoutingError) as caught:
        collection.compile()
    message = str(caught.value)
    assert f"GET /users/{{id}} at {__file__}:{first}" in message
    assert f"GET /users/{{user}} at {__file__}:{second}" in message
    assert "match the same paths" in message


def test_same_static_path_and_method_conflicts(collection: RouteCollection) -> None:
    Route.post("/x", handler)
    Route.any("/x", handler)
    with pytest.raises(RoutingError, match="Routes conflict: POST /x"):
        collection.compile()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("/users/{id:int}", "/users/{id}"),
        ("/users/{id}", "/users/create"),
        ("/users/{id}", "/users/{id}/edit"),
    ],
)
def test_different_patterns_do_not_conflict(
    collection: RouteCollection, first: str, second: str
) -> None:
    Route.get(first, handler)
    Route.get(second, handler)
    assert isinstance(collection.compile(), Router)


def test_different_methods_do_not_conflict(collection: RouteCollection) -> None:
    Route.get("/users/{id}", handler)
    Route.put("/users/{user}", handler)
    collection.compile()


def test_router_built_directly() -> None:
    router = Router([])
    assert router.routes == ()
    assert router.match("GET", "/") is None
    assert router.allowed_methods("/") == ()


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/about"), ("HEAD", "/about/"), ("GET", "/u/7"), ("GET", "/u/x"), ("POST", "/u/7")],
)
def test_find_gives_what_match_gives_as_a_tuple(
    collection: RouteCollection, method: str, path: str
) -> None:
    Route.get("/about", handler).defaults(page="about")
    Route.get("/u/{id:int}", handler)
    Route.get("/u/{name}", other)
    router = collection.compile()
    match = router.match(method, path)
    found = router.find(method, path)
    assert (found is None) is (match is None)
    if match is not None and found is not None:
        assert found == (match.route, match.params)
        again = router.find(method, path)
        assert again is not None and again[1] is not found[1]  # a fresh dict each time
