from orionis.routing import CompiledRoute, Route, RouteCollection
from orionis.routing.matcher import DynamicMatcher, first_segment, match_route


def handler() -> None:
    pass


def compile_all(collection: RouteCollection, *paths: str) -> list[CompiledRoute]:
    return [Route.get(path, handler).compile() for path in paths]


def test_first_registered_route_wins(collection: RouteCollection) -> None:
    first, second = compile_all(collection, "/users/{id:int}", "/users/{name}")
    matcher = DynamicMatcher([first, second])
    found = matcher.match("/users/5")
    assert found is not None
    assert found.route is first
    named = matcher.match("/users/bob")
    assert named is not None
    assert named.route is second


def test_wildcard_routes_keep_registration_order_across_buckets(
    collection: RouteCollection,
) -> None:
    early, users, late = compile_all(collection, "/{lang}/about", "/users/{id}", "/{anything}/{id}")
    matcher = DynamicMatcher([early, users, late])
    found_routes = [matcher.match(p) for p in ("/en/about", "/users/3", "/x/3")]
    assert [found.route if found else None for found in found_routes] == [early, users, late]
    # /users/about fits the wildcard registered before the /users bucket's own route.
    found = matcher.match("/users/about")
    assert found is not None
    assert found.route is early
    assert found.params == {"lang": "users"}


def test_no_match_and_unknown_bucket(collection: RouteCollection) -> None:
    matcher = DynamicMatcher(compile_all(collection, "/users/{id}"))
    assert matcher.match("/posts/1") is None
    assert matcher.match("/users/1/extra") is None
    assert matcher.match("") is None


def test_converter_refusing_tries_the_next_routes(collection: RouteCollection) -> None:
    def even(text: str) -> int:
        number = int(text)
        if number % 2:
            raise ValueError("odd")
        return number

    collection.converter("even", "[0-9]+", even)
    evens, other, last = compile_all(collection, "/n/{v:even}", "/m/{v}", "/{kind}/{v:int}")
    matcher = DynamicMatcher([evens, other, last])
    found = matcher.match("/n/4")
    assert found is not None
    assert (found.route, found.params) == (evens, {"v": 4})
    fallen = matcher.match("/n/3")
    assert fallen is not None
    assert (fallen.route, fallen.params) == (last, {"kind": "n", "v": 3})
    assert DynamicMatcher([evens]).match("/n/3") is None


def test_first_segment(collection: RouteCollection) -> None:
    routes = compile_all(collection, "/users/{id}", "/{x}", "/pre{x}/y", "/users/{id?}", "/a/b/{c}")
    assert [first_segment(route) for route in routes] == ["users", None, None, "users", "a"]


def test_match_route_handles_static_and_dynamic(collection: RouteCollection) -> None:
    static, dynamic = compile_all(collection, "/about", "/users/{id:int}")
    assert match_route(static, "/about") == {}
    assert match_route(static, "/other") is None
    assert match_route(dynamic, "/users/7") == {"id": 7}
    assert match_route(dynamic, "/users/x") is None
