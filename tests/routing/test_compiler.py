import pytest

from orionis.routing import CompiledRoute, Route, RouteCollection


def handler() -> None:
    pass


def compiled(collection: RouteCollection, path: str) -> CompiledRoute:
    return Route.get(path, handler).compile()


def test_static_route_has_no_regex(collection: RouteCollection) -> None:
    route = compiled(collection, "/about")
    assert route.is_static
    assert route.regex is None
    assert route.params == ()
    assert route.handler is None


def test_params_are_specs_in_path_order(collection: RouteCollection) -> None:
    route = compiled(collection, "/users/{id:int}/posts/{slug}")
    assert [(p.name, p.type_name, p.optional) for p in route.params] == [
        ("id", "int", False),
        ("slug", "str", False),
    ]
    assert not route.is_static


def test_where_pattern_with_groups_keeps_later_params_right(collection: RouteCollection) -> None:
    Route.get("/{kind}/{id:int}", handler).where("kind", "(cat|dog)(s?)")
    match = collection.compile().match("GET", "/dogs/3")
    assert match is not None
    assert match.params == {"kind": "dogs", "id": 3}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/archive/2024", {"year": 2024, "month": None}),
        ("/archive/2024/05", {"year": 2024, "month": "05"}),
    ],
)
def test_optional_last_segment(
    collection: RouteCollection, path: str, expected: dict[str, object]
) -> None:
    Route.get("/archive/{year:int}/{month?}", handler)
    match = collection.compile().match("GET", path)
    assert match is not None
    assert match.params == expected


def test_optional_as_only_segment(collection: RouteCollection) -> None:
    Route.get("/{page?:int}", handler).defaults(page=1)
    router = collection.compile()
    home, third = router.match("GET", "/"), router.match("GET", "/3")
    assert home is not None
    assert third is not None
    assert (home.params, third.params) == ({"page": 1}, {"page": 3})
    assert router.match("GET", "/x") is None


def test_base_params_hold_defaults_and_extras_in_order(collection: RouteCollection) -> None:
    route = Route.get("/{a}/{b?}", handler).defaults(b="z", source="web").compile()
    assert list(route.base_params) == ["a", "b", "source"]
    assert route.base_params["b"] == "z"
    assert route.base_params["source"] == "web"


def test_signature_ignores_parameter_names(collection: RouteCollection) -> None:
    first = compiled(collection, "/users/{id}")
    second = compiled(collection, "/users/{user}")
    third = compiled(collection, "/users/{user:int}")
    assert first.signature == second.signature != third.signature


def test_repr(collection: RouteCollection) -> None:
    route = Route.post("/x", handler).name("x").compile()
    assert repr(route) == f"<CompiledRoute POST /x name='x' at {route.location}>"
