"""Command classes: injection into the constructor and handle(), fail(), definition errors."""

from __future__ import annotations

import pytest

from orionis.console import Argument, Command, CommandError, Option
from tests.console.conftest import Project

SERVICES = """
    class Greeter:
        def __init__(self) -> None:
            self.greeting = "Hello"


    class Clock:
        def now(self) -> str:
            return "12:00"
"""

PROVIDER = """
    from orionis import ServiceProvider

    from app.services import Greeter


    class AppServiceProvider(ServiceProvider):
        singletons = {Greeter: Greeter}

        def boot(self, greeter: Greeter) -> None:
            greeter.greeting = "Howdy"
"""

CONFIG = """
    from app.providers import AppServiceProvider

    providers = [AppServiceProvider]
"""


def _services(project: Project) -> None:
    project.write("app/services.py", SERVICES)
    project.write("app/providers.py", PROVIDER)
    project.write("config/app.py", CONFIG)


def test_handle_gets_arguments_by_name_and_services_injected(project: Project) -> None:
    _services(project)
    project.write(
        "app/console/commands/greet.py",
        """
        from orionis.console import Argument, Command

        from app.services import Clock, Greeter


        class Greet(Command):
            name = "greet"
            description = "Greet someone."
            arguments = [Argument("who")]

            def __init__(self, clock: Clock) -> None:
                self.clock = clock

            async def handle(self, greeter: Greeter, who: str) -> None:
                self.line(f"{greeter.greeting}, {who}! It is {self.clock.now()}.")
        """,
    )

    result = project.run("greet", "Ada")

    assert result.code == 0, result.err
    # "Howdy": the provider's boot() ran before the command, on the same singleton.
    assert result.out == "Howdy, Ada! It is 12:00.\n"


def test_fail_stops_with_the_message_and_code_and_no_traceback(project: Project) -> None:
    project.write(
        "app/console/commands/sync.py",
        """
        from orionis.console import Command


        class Sync(Command):
            name = "sync"
            description = "Fails."

            def handle(self) -> None:
                self.fail("The remote refused the upload.", exit_code=3)
        """,
    )

    result = project.run("sync", "-v")

    assert result.code == 3
    assert result.err == "Error: The remote refused the upload.\n"


def test_fail_raises_a_command_error() -> None:
    with pytest.raises(CommandError) as raised:
        Command().fail("nope")

    assert (str(raised.value), raised.value.exit_code) == ("nope", 1)


def test_an_option_that_handle_does_not_take_is_refused(project: Project) -> None:
    project.write(
        "app/console/commands/deploy.py",
        """
        from orionis.console import Command, Option


        class Deploy(Command):
            name = "deploy"
            description = "Deploys."
            options = [Option("--dry-run", is_flag=True)]

            def handle(self) -> None: ...
        """,
    )

    result = project.run("deploy")

    assert result.code == 1
    assert (
        "Error: Command 'deploy' (app.console.commands.deploy.Deploy) declares 'dry_run' but "
        "its handle() has no parameter 'dry_run'. Add it to handle(), or remove the "
        "argument/option." in result.err
    )


def test_a_handle_taking_keyword_arguments_accepts_every_option(project: Project) -> None:
    project.write(
        "app/console/commands/deploy.py",
        """
        from typing import Any

        from orionis.console import Command, Option


        class Deploy(Command):
            name = "deploy"
            description = "Deploys."
            options = [Option("--dry-run", is_flag=True), Option("--to", default="staging")]

            def handle(self, **options: Any) -> None:
                self.line(repr(sorted(options.items())))
        """,
    )

    result = project.run("deploy", "--dry-run")

    assert result.code == 0, result.err
    assert result.out == "[('dry_run', True), ('to', 'staging')]\n"


def test_a_command_without_handle_is_refused(project: Project) -> None:
    project.write(
        "app/console/commands/idle.py",
        """
        from orionis.console import Command


        class Idle(Command):
            name = "idle"
            description = "Does nothing."
        """,
    )

    result = project.run("idle")

    assert result.code == 1
    assert (
        "Command 'idle' (app.console.commands.idle.Idle) has no handle() method. Define "
        "handle(self, ...) with a parameter per argument and option." in result.err
    )


def test_an_invalid_option_declaration_names_the_command(project: Project) -> None:
    project.write(
        "app/console/commands/bad.py",
        """
        from orionis.console import Command, Option


        class Bad(Command):
            name = "bad"
            description = "Bad option."
            options = [Option("--level", colour="red")]

            def handle(self, level: str) -> None: ...
        """,
    )

    result = project.run("bad")

    assert result.code == 1
    assert "Error: Option('--level') of command 'bad' (app.console.commands.bad.Bad)" in (
        result.err
    )
    assert "Its keywords are those of click.Argument / click.Option." in result.err


def test_argument_and_option_build_fresh_click_parameters() -> None:
    argument = Argument("files", nargs=-1, help="Files to read")
    option = Option("--dry-run", "-n", is_flag=True)

    first, second = argument.to_click(), argument.to_click()
    flag = option.to_click()

    assert first is not second
    assert (first.name, first.nargs) == ("files", -1)
    assert (flag.name, flag.opts, flag.is_flag) == ("dry_run", ["--dry-run", "-n"], True)
    assert repr(argument) == "Argument('files')"
    assert repr(option) == "Option('--dry-run', '-n')"


def test_the_base_handle_says_it_is_missing() -> None:
    with pytest.raises(NotImplementedError, match="Command defines no handle"):
        Command().handle()


def test_context_settings_reach_click(project: Project) -> None:
    project.write(
        "app/console/commands/wrap.py",
        """
        import click

        from orionis.console import Argument, Command


        class Wrap(Command):
            name = "wrap"
            description = "Forwards what it does not know."
            context_settings = {"ignore_unknown_options": True}
            arguments = [Argument("rest", nargs=-1, type=click.UNPROCESSED)]

            def handle(self, rest: tuple[str, ...]) -> None:
                self.line(" ".join(rest))
        """,
    )

    result = project.run("wrap", "--log-level", "debug", "x")

    assert (result.code, result.out) == (0, "--log-level debug x\n")
