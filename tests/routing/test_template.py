import pytest

from orionis.routing import RoutingError
from orionis.routing.converters import DEFAULT_CONVERTERS
from orionis.routing.template import Param, join_paths, parse_template


def parse(path: str) -> tuple[str | Param, ...]:
    return parse_template(path, DEFAULT_CONVERTERS, f"Route {path!r} at web.py:1")


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("/admin", "/users"), "/admin/users"),
        (("/admin/", "users/"), "/admin/users"),
        (("//a//", "//b"), "/a/b"),
        (("", "/"), "/"),
        (("/", ""), "/"),
        (("api", "v1", "{id}"), "/api/v1/{id}"),
    ],
)
def test_join_paths(parts: tuple[str, ...], expected: str) -> None:
    assert join_paths(*parts) == expected


def test_parse_splits_literals_and_params() -> None:
    tokens = parse("/users/{id:int}/posts/{slug}")
    assert tokens[0] == "/users/"
    assert tokens[2] == "/posts/"
    first, second = tokens[1], tokens[3]
    assert isinstance(first, Param)
    assert isinstance(second, Param)
    assert (first.name, first.converter.name, first.optional) == ("id", "int", False)
    assert (second.name, second.converter.name) == ("slug", "str")


def test_parse_optional_forms() -> None:
    last = parse("/archive/{year:int}/{month?:int}")[-1]
    assert isinstance(last, Param)
    assert (last.name, last.converter.name, last.optional) == ("month", "int", True)


def test_unknown_type_names_route_known_types_and_suggests() -> None:
    with pytest.raises(RoutingError) as caught:
        parse("/users/{id:integer}")
    message = str(caught.value)
    assert "Route '/users/{id:integer}' at web.py:1" in message
    assert "unknown parameter type 'integer'" in message
    assert "Known types: float, int, path, slug, str, uuid." in message
    assert "Did you mean 'int'?" in message


def test_duplicate_parameter() -> None:
    with pytest.raises(RoutingError, match="repeats parameter 'id'"):
        parse("/a/{id}/b/{id:int}")


@pytest.mark.parametrize("path", ["/a/{x?}/b", "/a/{x?}{y}", "/a-{x?}", "/{x?}.json"])
def test_optional_must_be_whole_last_segment(path: str) -> None:
    with pytest.raises(RoutingError, match="optional parameter 'x' must be the whole last segment"):
        parse(path)


def test_path_parameter_must_end_the_path() -> None:
    with pytest.raises(RoutingError, match="path parameter 'rest' must end the path"):
        parse("/files/{rest:path}/raw")


@pytest.mark.parametrize("path", ["/a/{}", "/a/{1x}", "/a/{x-y}", "/a/{x:int:str}"])
def test_malformed_parameter(path: str) -> None:
    with pytest.raises(RoutingError, match="malformed parameter"):
        parse(path)


@pytest.mark.parametrize("path", ["/a/{x", "/a/x}", "/a/{{x}}"])
def test_unbalanced_braces(path: str) -> None:
    with pytest.raises(RoutingError, match="unbalanced brace"):
        parse(path)


def test_params_inside_a_segment_are_allowed() -> None:
    tokens = parse("/files/{name}.{ext}")
    assert [t.name for t in tokens if isinstance(t, Param)] == ["name", "ext"]
