import uuid
from typing import Any

import pytest

from orionis.routing import Route, RouteCollection, RoutingError
from orionis.routing.converters import DEFAULT_CONVERTERS, check_pattern


def handler() -> None:
    pass


def match(path_template: str, path: str) -> dict[str, Any] | None:
    routes = RouteCollection()
    with Route.collecting(routes):
        Route.get(path_template, handler)
    found = routes.compile().match("GET", path)
    return None if found is None else found.params


@pytest.mark.parametrize(
    ("template", "path", "expected"),
    [
        ("/x/{v}", "/x/hello world", {"v": "hello world"}),
        ("/x/{v:str}", "/x/a.b", {"v": "a.b"}),
        ("/x/{v:int}", "/x/42", {"v": 42}),
        ("/x/{v:int}", "/x/-7", {"v": -7}),
        ("/x/{v:float}", "/x/1.5", {"v": 1.5}),
        ("/x/{v:float}", "/x/-2", {"v": -2.0}),
        ("/x/{v:slug}", "/x/my-post_2", {"v": "my-post_2"}),
        ("/x/{v:path}", "/x/a/b/c.txt", {"v": "a/b/c.txt"}),
    ],
)
def test_converters_match_and_convert(template: str, path: str, expected: dict[str, Any]) -> None:
    params = match(template, path)
    assert params == expected
    assert params is not None
    assert type(params["v"]) is type(expected["v"])


@pytest.mark.parametrize(
    ("template", "path"),
    [
        ("/x/{v}", "/x/a/b"),
        ("/x/{v:int}", "/x/4.2"),
        ("/x/{v:int}", "/x/abc"),
        ("/x/{v:int}", "/x/\u0663"),  # an Arabic-Indic digit is not a URL number
        ("/x/{v:float}", "/x/1."),
        ("/x/{v:slug}", "/x/a.b"),
        ("/x/{v:uuid}", "/x/not-a-uuid"),
        ("/x/{v:path}", "/x"),
    ],
)
def test_converters_reject(template: str, path: str) -> None:
    assert match(template, path) is None


def test_uuid_is_case_insensitive_and_converted() -> None:
    value = uuid.uuid4()
    assert match("/x/{v:uuid}", f"/x/{str(value).upper()}") == {"v": value}
    assert match("/x/{v:uuid}", f"/x/{value}") == {"v": value}


def test_default_converters_are_read_only() -> None:
    with pytest.raises(TypeError):
        DEFAULT_CONVERTERS["x"] = DEFAULT_CONVERTERS["str"]  # type: ignore[index]


def test_check_pattern_accepts_unnamed_groups() -> None:
    check_pattern("(a|b)+", "where")


def test_check_pattern_errors_name_where() -> None:
    with pytest.raises(RoutingError, match=r"^In here: '\(' is not a valid regular expression"):
        check_pattern("(", "In here")
    with pytest.raises(RoutingError, match=r"^In here: '\(\?P<n>a\)' contains a named group"):
        check_pattern("(?P<n>a)", "In here")
