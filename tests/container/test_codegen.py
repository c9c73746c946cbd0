"""Generated build functions: injections through cells, re-pointable."""

from typing import Any

from orionis.container.binding import Dep, Plan, Value
from orionis.container.codegen import Cell, generate


def pair(*args: Any, **kwargs: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return args, kwargs


def test_calls_the_target_with_cells_and_values() -> None:
    cells: dict[str, Cell] = {"a": [lambda: "A"], "b": [lambda: "B"]}
    plan = Plan((Dep("a"),), {"b": Dep("b"), "c": Value(3)})

    build = generate(pair, plan, cells.__getitem__)

    assert build() == (("A",), {"b": "B", "c": 3})


def test_follows_a_re_pointed_cell() -> None:
    cells: dict[str, Cell] = {"a": [lambda: "old"]}
    build = generate(pair, Plan((), {"a": Dep("a")}), cells.__getitem__)

    cells["a"][0] = lambda: "new"

    assert build() == ((), {"a": "new"})


def test_bound_and_open_kwargs() -> None:
    cells: dict[str, Cell] = {"a": [lambda: "A"]}
    build = generate(
        pair, Plan((), {"a": Dep("a")}), cells.__getitem__, bound=True, open_kwargs=True
    )

    assert build("self", x=1) == (("self",), {"a": "A", "x": 1})


def test_as_list() -> None:
    cells: dict[str, Cell] = {"a": [lambda: "A"], "b": [lambda: "B"]}

    build = generate(list, Plan((Dep("a"), Dep("b"))), cells.__getitem__, as_list=True)

    assert build() == ["A", "B"]
