"""Closure commands: functions in routes/console.py registered with Console.command."""

from __future__ import annotations

from pathlib import Path

import pytest

from orionis.console import CommandDefinitionError, Console
from orionis.console.closures import load_closures
from tests.console.conftest import Project

CONSOLE_ROUTES = """
    import asyncio

    from orionis import Application
    from orionis.console import Argument, Console, Option, Output


    @Console.command("inspire", "Print a quote")
    def inspire(out: Output) -> None:
        out.info("Simplicity is the soul of efficiency.")


    @Console.command(
        "greet",
        "Greet someone",
        arguments=[Argument("who")],
        options=[Option("--shout", is_flag=True)],
    )
    async def greet(who: str, shout: bool, app: Application) -> int:
        await asyncio.sleep(0)
        text = f"Hello, {who}, from {app.config.get('app.name')}!"
        print(text.upper() if shout else text)
        return 0 if app.is_booted() else 9


    @Console.command("quick", "Runs before boot", boots=False)
    def quick(app: Application) -> None:
        print(f"booted: {app.is_booted()}")


    KEEP = inspire
"""


def test_closures_run_with_arguments_and_injected_services(project: Project) -> None:
    project.write("routes/console.py", CONSOLE_ROUTES)

    inspire = project.run("inspire")
    greet = project.run("greet", "Ada", "--shout")
    quick = project.run("quick")

    assert (inspire.code, inspire.out) == (0, "Simplicity is the soul of efficiency.\n")
    assert (greet.code, greet.out) == (0, "HELLO, ADA, FROM CONSOLE TEST!\n")
    assert (quick.code, quick.out) == (0, "booted: False\n")


def test_closures_are_listed_and_explained(project: Project) -> None:
    project.write("routes/console.py", CONSOLE_ROUTES)

    listing = project.run()
    help_text = project.run("help", "greet")

    assert "inspire" in listing.out and "Print a quote" in listing.out
    assert "Usage: reactor greet [OPTIONS] WHO" in help_text.out


def test_the_decorated_function_is_returned_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "console.py"
    path.write_text(
        "from orionis.console import Console\n\n"
        "@Console.command('ping', 'Ping')\n"
        "def ping() -> str:\n"
        "    return 'pong'\n\n"
        "assert ping() == 'pong'\n"
    )

    (command,) = load_closures(path)

    assert (command.name, command.description, command.boots) == ("ping", "Ping", True)
    assert command().handle() == "pong"


def test_a_missing_console_routes_file_defines_nothing(tmp_path: Path) -> None:
    assert load_closures(tmp_path / "console.py") == []


def test_console_command_outside_the_routes_file_is_refused() -> None:
    with pytest.raises(CommandDefinitionError) as raised:
        Console.command("inspire")

    assert str(raised.value) == (
        "Console.command() was called outside routes/console.py. Define closure commands in "
        "routes/console.py (the console kernel loads it), or write a Command class in "
        "app/console/commands/."
    )


def test_console_command_used_without_a_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "console.py"
    path.write_text(
        "from orionis.console import Console\n\n@Console.command\ndef ping() -> None: ...\n"
    )

    with pytest.raises(CommandDefinitionError, match="takes the command name first"):
        load_closures(path)


def test_a_failing_console_routes_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "console.py"
    path.write_text("1 / 0\n")

    with pytest.raises(CommandDefinitionError) as raised:
        load_closures(path)

    assert str(raised.value) == (
        f"Console routes file {path} failed while loading: ZeroDivisionError: division by "
        "zero. Fix the file (run with -v for the traceback)."
    )


def test_a_closure_with_an_option_it_does_not_take_is_refused(project: Project) -> None:
    project.write(
        "routes/console.py",
        """
        from orionis.console import Console, Option


        @Console.command("ping", "Ping", options=[Option("--count", type=int)])
        def ping() -> None: ...
        """,
    )

    result = project.run("ping")

    assert result.code == 1
    assert "Command 'ping' (orionis.routes.console.ping) declares 'count'" in result.err
