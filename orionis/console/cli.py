"""The click side of ``reactor``: one click command per `Command`, the listing and ``help``.

Parsing is separate from running: a command's click callback only returns an `Invocation`
(which command, with which values); the console kernel then boots the application and runs it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import click

from orionis.console.command import Argument, Command, Option, qualified_name
from orionis.console.errors import CommandDefinitionError
from orionis.support.suggest import did_you_mean

__all__ = ["Invocation", "ReactorGroup", "build_cli"]

_VERBOSE = ("-v", "--verbose")


@dataclass(frozen=True, slots=True)
class Invocation:
    """A parsed command line: the command class and the values of its arguments and options."""

    command: type[Command]
    params: dict[str, Any] = field(default_factory=dict)
    verbose: bool = False


class ReactorGroup(click.Group):
    """The ``reactor`` group: commands listed by namespace, close names for unknown ones."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-"):
            raise click.UsageError(unknown_command(name, self.list_commands(ctx)), ctx)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        namespaces: dict[str, list[tuple[str, str]]] = {}
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            namespace = name.split(":", 1)[0] if ":" in name else ""
            row = (name, command.get_short_help_str(limit=formatter.width))
            namespaces.setdefault(namespace, []).append(row)
        with formatter.section("Available commands"):
            formatter.write_dl(namespaces.pop("", []))
        for namespace in sorted(namespaces):
            with formatter.section(namespace):
                formatter.write_dl(namespaces[namespace])


def unknown_command(name: str, known: Iterable[str]) -> str:
    """The message for a command nobody defined, with close names."""
    return (
        f"No such command '{name}'.{did_you_mean(name, known)} Run 'reactor' to list the commands."
    )


def build_cli(commands: Mapping[str, type[Command]]) -> ReactorGroup:
    """The ``reactor`` click group for ``commands`` (by name), plus ``help``."""
    group = ReactorGroup(
        name="reactor",
        help="The Orionis console. Run 'reactor help <command>' to see a command's arguments.",
        invoke_without_command=True,
        callback=_list_when_alone,
        params=[_verbose_option("Show the full traceback of errors.")],
    )
    for name, command in commands.items():
        group.add_command(to_click(command), name)
    group.add_command(_help_command(), "help")
    return group


def to_click(command: type[Command]) -> click.Command:
    """The click command of ``command``; raises `CommandDefinitionError` when it is malformed."""
    params = _params(command)
    names: set[str | None] = {param.name for param in params}
    declared = {opt for param in params for opt in getattr(param, "opts", ())}
    own_verbose = "verbose" not in names and not declared.intersection(_VERBOSE)
    if own_verbose:
        params.append(_verbose_option("Show the full traceback if the command fails."))
    _check_handle(command, names)

    def callback(**values: Any) -> Invocation:
        verbose = bool(values.pop("verbose", False)) if own_verbose else False
        root = click.get_current_context().find_root()
        return Invocation(command, values, verbose or bool(root.params.get("verbose")))

    return click.Command(
        name=command.name,
        callback=callback,
        params=params,
        help=command.help or command.description,
        short_help=command.description,
        context_settings=dict(command.context_settings),
    )


def _params(command: type[Command]) -> list[click.Parameter]:
    params: list[click.Parameter] = []
    specs: list[Argument | Option] = [*command.arguments, *command.options]
    for spec in specs:
        try:
            params.append(spec.to_click())
        except (TypeError, ValueError) as error:
            raise CommandDefinitionError(
                f"{spec!r} of command '{command.name}' ({qualified_name(command)}) is "
                f"invalid: {error}. Its keywords are those of click.Argument / click.Option."
            ) from error
    return params


def _check_handle(command: type[Command], names: set[str | None]) -> None:
    """Every argument and option must reach ``handle()``; say which one would not, now."""
    if command.handle is Command.handle:
        raise CommandDefinitionError(
            f"Command '{command.name}' ({qualified_name(command)}) has no handle() method. "
            "Define handle(self, ...) with a parameter per argument and option."
        )
    parameters = _handle_parameters(command)
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return
    for name in sorted(n for n in names if n is not None and n not in parameters):
        raise CommandDefinitionError(
            f"Command '{command.name}' ({qualified_name(command)}) declares '{name}' but its "
            f"handle() has no parameter '{name}'. Add it to handle(), or remove the "
            "argument/option."
        )


def _handle_parameters(command: type[Command]) -> Mapping[str, inspect.Parameter]:
    handle: Callable[..., Any] = command.handle
    parameters = dict(inspect.signature(handle).parameters)
    # A plain method is read through the class: drop its ``self``.
    if not isinstance(inspect.getattr_static(command, "handle"), staticmethod | classmethod):
        parameters.pop(next(iter(parameters), ""), None)
    return parameters


def _verbose_option(help_text: str) -> click.Option:
    return click.Option(list(_VERBOSE), is_flag=True, help=help_text)


def _list_when_alone(verbose: bool) -> int | None:
    ctx = click.get_current_context()
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
        return 0
    return None


def _help_command() -> click.Command:
    def show_help(command: str | None) -> int:
        ctx = click.get_current_context()
        parent = ctx.parent
        assert parent is not None  # help always runs inside the reactor group
        group = parent.command
        assert isinstance(group, ReactorGroup)
        if command is None:
            click.echo(group.get_help(parent))
            return 0
        target = group.get_command(parent, command)
        if target is None:
            raise click.UsageError(unknown_command(command, group.list_commands(parent)), ctx)
        with click.Context(target, info_name=command, parent=parent) as sub:
            click.echo(target.get_help(sub))
        return 0

    return click.Command(
        name="help",
        callback=show_help,
        params=[click.Argument(["command"], required=False)],
        help="Show a command's description, arguments and options.",
        short_help="Show a command's description, arguments and options.",
    )
