"""The built-in commands, and a checkout without the optional ones."""

from __future__ import annotations

import sys

import pytest

from orionis.console.commands import BUILTIN_COMMANDS, builtin_commands


def test_every_builtin_is_loaded_in_order() -> None:
    names = [f"{command.__module__}.{command.__qualname__}" for command in builtin_commands()]

    assert names == list(BUILTIN_COMMANDS)


def test_a_missing_serve_module_leaves_the_other_commands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # None in sys.modules makes the import fail as if the file did not exist.
    monkeypatch.setitem(sys.modules, "orionis.console.commands.serve", None)

    names = [command.name for command in builtin_commands()]

    assert "serve" not in names
    assert {"about", "route:list", "make:controller"} <= set(names)


def test_a_missing_required_builtin_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "orionis.console.commands.about", None)

    with pytest.raises(ModuleNotFoundError):
        builtin_commands()
