from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Optional

import pytest

from orionis.config import ConfigError
from orionis.config.schema import compile_check, schema_of


class Base:
    pass


class Child(Base):
    pass


@pytest.mark.parametrize(
    ("hint", "good", "bad", "expected"),
    [
        (bool, [True, False], [1, 0, "true", None], "bool"),
        (int, [0, -3, 10**9], [True, 1.5, "1", None], "int"),
        (float, [1.5, 2, -1], [True, "1.5", None], "float"),
        (str, ["", "x"], [1, None, b"x"], "str"),
        (type, [int, Base], [Base(), "Base"], "type"),
        (type[Base], [Base, Child], [int, Base()], "a subclass of Base"),
        (Any, [None, 1, object()], [], "Any"),
        (Callable[..., Any], [len, Base, lambda: 1], [1, "len"], "Callable"),
        (list[str], [[], ["a"]], [("a",), ["a", 1], "a"], "list[str]"),
        (list[type], [[Base, int]], [[Base()]], "list[type]"),
        (dict[str, int], [{}, {"a": 1}], [{1: 1}, {"a": "1"}, {"a": True}], "dict[str, int]"),
        (dict[str, list[Any]], [{"web": [1, "x"]}], [{"web": 1}], "dict[str, list[Any]]"),
        (str | None, ["x", None], [1], "str or None"),
        (Optional[int], [1, None], ["1", True], "int or None"),  # noqa: UP045
        (Literal["A", "B"], ["A", "B"], ["a", "C", None], "one of 'A', 'B'"),
        (Literal[1], [1], [True, 1.0], "one of 1"),
        (list, [[], [1]], [()], "list"),
        (dict, [{}], [[]], "dict"),
    ],
)
def test_checks_accept_and_reject(
    hint: Any, good: list[Any], bad: list[Any], expected: str
) -> None:
    check = compile_check(hint)
    assert check.expected == expected
    assert all(check.test(value) for value in good)
    assert not any(check.test(value) for value in bad)


def test_an_unsupported_type_explains_which_types_work() -> None:
    with pytest.raises(ConfigError) as caught:
        compile_check(tuple[int, str])
    assert str(caught.value) == (
        "Config field type tuple[int, str] cannot be checked. Use bool, int, float, str, type, "
        "Callable, Any, list[X], dict[str, X], type[X], X | None or Literal[...]."
    )


def test_explain_points_at_the_first_bad_item() -> None:
    explained = compile_check(list[type]).explain([Base, 3, "x"])
    assert explained.endswith("; item 1 is int 3")
    assert compile_check(dict[str, int]).explain({"a": 1, "b": "2"}) == (
        "got dict {'a': 1, 'b': '2'}; item 'b' is str '2'"
    )
    assert (
        compile_check(dict[str, int]).explain({1: 1}) == "got dict {1: 1}; key int 1 is not a str"
    )
    assert compile_check(list[int]).explain("abc") == "got str 'abc'"


def test_explain_truncates_long_values() -> None:
    explained = compile_check(int).explain("x" * 500)
    assert explained.startswith("got str 'xxx")
    assert "..." in explained
    assert len(explained) < 100


@dataclass(frozen=True)
class Mail:
    driver: Literal["smtp", "log"]
    port: int = 25
    tags: list[str] = field(default_factory=list)
    routes: dict[str, list[str]] = field(
        default_factory=lambda: {"admin": ["root"]}, metadata={"merge": True}
    )
    sender: str = field(default="", metadata={"hint": "Set MAIL_FROM in .env."})


def test_schema_is_built_once_per_dataclass() -> None:
    assert schema_of(Mail) is schema_of(Mail)


def test_schema_reports_every_problem_and_a_missing_required_key() -> None:
    problems = schema_of(Mail).problems({"port": "25", "sender": 1, "tag": []})
    assert problems == [
        "'port' must be int, got str '25'.",
        "'sender' must be str, got int 1. Set MAIL_FROM in .env.",
        "unknown key 'tag'. Did you mean 'tags'? Allowed keys: driver, port, tags, routes, "
        "sender. Prefix helper names with '_' to keep them out of the config.",
        "missing key 'driver': it must be one of 'smtp', 'log'.",
    ]


def test_schema_apply_gives_fresh_defaults_and_merges_marked_dicts() -> None:
    schema = schema_of(Mail)
    first = schema.apply({"driver": "log", "routes": {"ops": ["me"]}})
    assert first == {
        "driver": "log",
        "port": 25,
        "tags": [],
        "routes": {"admin": ["root"], "ops": ["me"]},
        "sender": "",
    }
    first["tags"].append("x")
    assert schema.apply({"driver": "log"})["tags"] == []
    assert schema.apply({"driver": "log", "routes": {"admin": []}})["routes"] == {"admin": []}
