"""`Console`: small commands written as functions in routes/console.py."""

from __future__ import annotations

import runpy
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar, cast

from orionis.console.command import Argument, Command, Option
from orionis.console.errors import CommandDefinitionError
from orionis.support.errors import OrionisError

__all__ = ["Console", "load_closures"]

_F = TypeVar("_F", bound=Callable[..., Any])

# A ContextVar, as for route files: two applications loading their console routes each get
# their own list.
_current: ContextVar[list[type[Command]] | None] = ContextVar(
    "orionis_console_commands", default=None
)


class Console:
    """Define commands as functions::

        # routes/console.py
        from orionis.console import Argument, Console, Output

        @Console.command("greet", "Greet someone.", arguments=[Argument("who")])
        def greet(who: str, out: Output, greeter: Greeter) -> None:
            out.info(greeter.greet(who))

    Parameters are filled as for ``Command.handle()``: arguments and options by name, every
    other one injected by the container (``Output`` gives the output helpers).
    """

    @staticmethod
    def command(
        name: str,
        description: str = "",
        *,
        arguments: Sequence[Argument] = (),
        options: Sequence[Option] = (),
        boots: bool = True,
        help: str = "",
    ) -> Callable[[_F], _F]:
        """Register the decorated function as the command ``name``; it is returned unchanged."""
        if not isinstance(name, str):
            raise CommandDefinitionError(
                f"Console.command() takes the command name first, got {name!r}. "
                'Write @Console.command("inspire", "Print a quote") above the function.'
            )
        commands = _collecting()

        def register(function: _F) -> _F:
            attrs = {"name": name, "description": description, "help": help, "boots": boots}
            commands.append(closure_command(function, arguments, options, **attrs))
            return function

        return register

    @staticmethod
    @contextmanager
    def collecting(commands: list[type[Command]]) -> Iterator[list[type[Command]]]:
        """Make ``commands`` the list that ``Console.command`` adds to while the block runs."""
        token = _current.set(commands)
        try:
            yield commands
        finally:
            _current.reset(token)


def closure_command(
    function: Callable[..., Any],
    arguments: Sequence[Argument],
    options: Sequence[Option],
    **attrs: Any,
) -> type[Command]:
    """A `Command` subclass whose ``handle`` is ``function`` (called without ``self``)."""
    namespace = {
        **attrs,
        "arguments": tuple(arguments),
        "options": tuple(options),
        "handle": staticmethod(function),
        "__module__": function.__module__,
        "__qualname__": getattr(function, "__qualname__", attrs["name"]),
    }
    return cast(type[Command], type(f"ClosureCommand[{attrs['name']}]", (Command,), namespace))


def load_closures(path: Path) -> list[type[Command]]:
    """Run the console routes file ``path`` (if it exists) and return the commands it defines."""
    if not path.is_file():
        return []
    commands: list[type[Command]] = []
    with Console.collecting(commands):
        try:
            runpy.run_path(str(path), run_name=f"orionis.routes.{path.stem}")
        except OrionisError:
            raise
        except Exception as error:
            raise CommandDefinitionError(
                f"Console routes file {path} failed while loading: "
                f"{type(error).__name__}: {error}. Fix the file (run with -v for the traceback)."
            ) from error
    return commands


def _collecting() -> list[type[Command]]:
    commands = _current.get()
    if commands is None:
        raise CommandDefinitionError(
            "Console.command() was called outside routes/console.py. Define closure commands "
            "in routes/console.py (the console kernel loads it), or write a Command class in "
            "app/console/commands/."
        )
    return commands
