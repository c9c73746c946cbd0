"""How keys are named in messages."""

from typing import Any, Optional

import pytest

from orionis.container.keys import CallKey, ConfigKey, ContextualKey, ParamsKey, TagKey, describe
from tests.container.services import HomeController, Mailer


def make_mailer() -> None:
    pass


@pytest.mark.parametrize(
    ("key", "name"),
    [
        (Mailer, "Mailer"),
        ("mailer", "'mailer'"),
        (TagKey("reports"), "tagged('reports')"),
        (ConfigKey("app.name"), "config('app.name')"),
        (ContextualKey(HomeController, Mailer), "Mailer"),
        (CallKey(make_mailer, ()), "make_mailer()"),
        (ParamsKey(Mailer, ("x",)), "Mailer"),
        (list[Mailer], "list[Mailer]"),
        (dict[str, list[int]], "dict[str, list[int]]"),
        (Optional[int], "Optional[int]"),  # noqa: UP045 - the spelling users write
        (42, "42"),
    ],
)
def test_describe(key: Any, name: str) -> None:
    assert describe(key) == name


def test_local_functions_are_named_without_locals() -> None:
    def show() -> None:
        pass

    assert describe(show) == "show()"


def test_synthetic_keys_of_different_kinds_differ() -> None:
    assert TagKey("x") != ConfigKey("x")
