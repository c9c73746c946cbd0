"""The console kernel: finds the commands, parses the command line, boots, runs, shuts down."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Sequence
from typing import Any

import click

from orionis.console.cli import Invocation, build_cli
from orionis.console.closures import load_closures
from orionis.console.command import Command, qualified_name
from orionis.console.commands import builtin_commands
from orionis.console.discovery import discover_commands
from orionis.console.errors import CommandDefinitionError, CommandError, ConsoleError
from orionis.console.output import report_error, stdout_closed
from orionis.foundation.application import Application
from orionis.foundation.enums.runtimes import Runtime

__all__ = ["Kernel"]

_INTERRUPTED = 130


class Kernel:
    """Runs ``reactor`` for one application.

    Commands are the built-ins, every `Command` subclass in ``app/console/commands/`` and the
    closures of ``routes/console.py``. Running one: parse the command line (click), boot the
    application for `Runtime.CLI` (STARTUP callbacks run) unless the command's ``boots`` is
    False, build the command with the container, call ``handle()``, then ``app.shutdown()``.
    """

    def __init__(self, app: Application) -> None:
        self.app = app
        self._commands: dict[str, type[Command]] | None = None

    def commands(self) -> dict[str, type[Command]]:
        """Every command of the application, by name (found once, on first use)."""
        if self._commands is None:
            self._commands = self._collect()
        return dict(self._commands)

    def handle(self, argv: Sequence[str]) -> int:
        """Run the command line ``argv`` (without the program name); return the exit code."""
        try:
            group = build_cli(self.commands())
        except ConsoleError as error:
            report_error(error, verbose=self._verbose(argv))
            return 1
        outcome = _parse(group, argv)
        return self.run(outcome) if isinstance(outcome, Invocation) else outcome

    def call(self, name: str, *args: str) -> int:
        """Run the command ``name`` with command-line ``args``: ``kernel.call("greet", "Ada")``."""
        return self.handle([name, *args])

    def run(self, invocation: Invocation) -> int:
        """Boot (unless the command says not to), run the command, shut down; the exit code."""
        verbose = invocation.verbose or self._debug()
        # One loop for boot, an async handle() and shutdown: async singletons live in it. It
        # is created on first use only, and a sync handle() runs while it is idle, so a command
        # that neither boots nor is async runs with no loop at all (Granian starts its own).
        runner = asyncio.Runner()
        try:
            return self._run(runner, invocation)
        except BaseException as error:
            return _failure(error, verbose=verbose)
        finally:
            try:
                if self.app.is_booted():
                    runner.run(self.app.shutdown())
            finally:
                runner.close()

    def _run(self, runner: asyncio.Runner, invocation: Invocation) -> int:
        if invocation.command.boots:
            runner.run(self.app.boot(Runtime.CLI))
        command = self.app.make(invocation.command)
        result = self.app.call(command.handle, **invocation.params)
        if inspect.isawaitable(result):
            result = runner.run(_awaited(result))
        return _exit_code(invocation.command, result)

    def _collect(self) -> dict[str, type[Command]]:
        app = self.app
        found = [
            *builtin_commands(),
            *discover_commands(app.app_path("console", "commands"), app.base_path()),
            *load_closures(app.routes_path("console.py")),
        ]
        by_name: dict[str, type[Command]] = {}
        for command in found:
            _check_name(command)
            first = by_name.setdefault(command.name, command)
            if first is not command:
                raise CommandDefinitionError(
                    f"Two commands are named '{command.name}': {qualified_name(first)} and "
                    f"{qualified_name(command)}. Rename one of them."
                )
        return by_name

    def _debug(self) -> bool:
        return bool(self.app.config.get("app.debug", False))

    def _verbose(self, argv: Sequence[str]) -> bool:
        return self._debug() or any(arg in ("-v", "--verbose") for arg in argv)


def _parse(group: click.Group, argv: Sequence[str]) -> Invocation | int:
    """The invocation the command line asks for, or the exit code when parsing ended it
    (``--help``, the listing, a usage error: click's code 2)."""
    try:
        result = group.main(args=list(argv), prog_name="reactor", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        click.echo("Aborted!", err=True)
        return 1
    if isinstance(result, Invocation):
        return result
    return result if isinstance(result, int) else 0


def _failure(error: BaseException, *, verbose: bool) -> int:
    """Report what stopped a command and give its exit code."""
    if isinstance(error, CommandError):
        report_error(error, verbose=False, hint=False)
        return error.exit_code
    if isinstance(error, click.ClickException):
        error.show()
        return error.exit_code
    if isinstance(error, click.Abort | KeyboardInterrupt | EOFError):
        click.echo("Aborted!", err=True)
        return _INTERRUPTED if isinstance(error, KeyboardInterrupt) else 1
    if isinstance(error, SystemExit):
        return _system_exit_code(error)
    if not isinstance(error, Exception):
        raise error
    if isinstance(error, BrokenPipeError) and stdout_closed():
        return 1  # the reader went away (`| head`): nothing to report to anyone
    report_error(error, verbose=verbose)
    return 1


def _system_exit_code(error: SystemExit) -> int:
    if error.code is None or isinstance(error.code, int):
        return error.code or 0
    click.echo(str(error.code), err=True)
    return 1


def _exit_code(command: type[Command], result: Any) -> int:
    if result is None:
        return 0
    if isinstance(result, int):
        return result
    raise CommandError(
        f"handle() of command '{command.name}' ({qualified_name(command)}) returned {result!r}. "
        "Return an int exit code, or None for success."
    )


async def _awaited(result: Awaitable[Any]) -> Any:
    return await result


def _check_name(command: type[Command]) -> None:
    name = command.name
    if name == "help":
        raise CommandDefinitionError(
            f"Command class {qualified_name(command)} is named 'help', which reactor uses to "
            "explain commands. Pick another name."
        )
    if not isinstance(name, str) or not name or any(char.isspace() for char in name):
        raise CommandDefinitionError(
            f"Command class {qualified_name(command)} has no valid name ({name!r}). Set a class "
            'attribute without spaces, e.g. name = "emails:send"; keep base classes of '
            "commands outside app/console/commands/."
        )
