"""`Command`: the base class of console commands, with its `Argument` and `Option` specs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, NoReturn

import click

from orionis.console.errors import CommandError
from orionis.console.output import Output

__all__ = ["Argument", "Command", "Option", "qualified_name"]


class Argument:
    """A positional argument: ``Argument("who", help="Who to greet")``.

    The keywords are those of ``click.Argument`` (``required``, ``nargs``, ``type``,
    ``default``, ``help``…); the value reaches ``handle()`` as the parameter ``who``.
    """

    __slots__ = ("attrs", "name")

    def __init__(self, name: str, **attrs: Any) -> None:
        self.name = name
        self.attrs = attrs

    def to_click(self) -> click.Argument:
        """A new click parameter (click parameters are not shared between commands)."""
        return click.Argument([self.name], **self.attrs)

    def __repr__(self) -> str:
        return f"Argument({self.name!r})"


class Option:
    """An option: ``Option("--shout", "-s", is_flag=True, help="Upper case")``.

    The keywords are those of ``click.Option`` (``is_flag``, ``default``, ``type``,
    ``multiple``, ``help``…); ``--dry-run`` reaches ``handle()`` as ``dry_run``.
    """

    __slots__ = ("attrs", "decls")

    def __init__(self, *decls: str, **attrs: Any) -> None:
        self.decls = decls
        self.attrs = attrs

    def to_click(self) -> click.Option:
        """A new click parameter (click parameters are not shared between commands)."""
        return click.Option(list(self.decls), **self.attrs)

    def __repr__(self) -> str:
        return f"Option({', '.join(map(repr, self.decls))})"


class Command(Output):
    """A console command: ``reactor <name> [arguments] [options]``.

    ::

        class Greet(Command):
            name = "greet"
            description = "Greet someone."
            arguments = [Argument("who", help="Who to greet")]
            options = [Option("--shout", is_flag=True, help="Upper case")]

            def handle(self, who: str, shout: bool, greeter: Greeter) -> int | None:
                self.info(greeter.greet(who).upper() if shout else greeter.greet(who))

    The container builds the command (constructor injection) and calls ``handle()`` with the
    parsed arguments and options by name, injecting every other parameter. ``handle()`` may
    be async; it returns the exit code (``None`` means 0). The application is booted for the
    CLI runtime first, unless ``boots`` is False (``serve`` boots in its own workers).
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    help: ClassVar[str] = ""
    """Longer text for ``reactor help <name>``; the description when empty."""
    arguments: ClassVar[Sequence[Argument]] = ()
    options: ClassVar[Sequence[Option]] = ()
    boots: ClassVar[bool] = True
    context_settings: ClassVar[Mapping[str, Any]] = {}
    """Passed to ``click.Command``, e.g. ``{"ignore_unknown_options": True}`` to forward
    unknown options to an ``Argument(..., nargs=-1, type=click.UNPROCESSED)``."""

    def handle(self, *args: Any, **kwargs: Any) -> Any:
        """Do the work; subclasses define it with the parameters they need."""
        raise NotImplementedError(f"{type(self).__qualname__} defines no handle() method.")

    def fail(self, message: str, exit_code: int = 1) -> NoReturn:
        """Stop the command: the kernel prints ``Error: <message>`` and exits with the code."""
        raise CommandError(message, exit_code)


def qualified_name(command: type[Command]) -> str:
    """``module.QualName`` of a command class, for error messages."""
    return f"{command.__module__}.{command.__qualname__}"
