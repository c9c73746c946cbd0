"""The console kernel: lifecycle around a command, exit codes, errors, command collection."""

from __future__ import annotations

from tests.console.conftest import Project

LIFECYCLE_BOOTSTRAP = """
    from pathlib import Path

    from orionis import Application
    from orionis.foundation.enums.lifespan import Lifespan
    from orionis.foundation.enums.runtimes import Runtime


    def cli_startup() -> None:
        print("startup: cli")


    def any_startup() -> None:
        print("startup: any")


    def http_startup() -> None:
        print("startup: http")


    async def cli_shutdown() -> None:
        print("shutdown: cli")


    def http_shutdown() -> None:
        print("shutdown: http")


    app = Application(base_path=Path(__file__).resolve().parent.parent)
    app.on(Lifespan.STARTUP, cli_startup, runtime=Runtime.CLI)
    app.on(Lifespan.STARTUP, any_startup)
    app.on(Lifespan.STARTUP, http_startup, runtime=Runtime.HTTP)
    app.on(Lifespan.SHUTDOWN, cli_shutdown, runtime=Runtime.CLI)
    app.on(Lifespan.SHUTDOWN, http_shutdown, runtime=Runtime.HTTP)
"""

COMMANDS = """
    import asyncio

    from orionis import Application
    from orionis.console import Argument, Command, Option


    class Work(Command):
        name = "work"
        description = "Do some work."

        def handle(self, app: Application) -> None:
            print(f"work: booted={app.is_booted()} console={app.running_in_console()}")


    class Unbooted(Command):
        name = "unbooted"
        description = "Runs without booting."
        boots = False

        def handle(self, app: Application) -> None:
            print(f"unbooted: state={app.state.value}")


    class Exit(Command):
        name = "exit"
        description = "Exit with a code."
        arguments = [Argument("code", type=int)]

        async def handle(self, code: int) -> int:
            await asyncio.sleep(0)
            return code


    class Broken(Command):
        name = "broken"
        description = "Raises."

        def handle(self) -> None:
            raise RuntimeError("the disk is full")


    class Odd(Command):
        name = "odd"
        description = "Returns a string."

        def handle(self) -> str:
            return "done"


    class Quit(Command):
        name = "quit"
        description = "Calls sys.exit."
        options = [Option("--code", type=int, default=None)]

        def handle(self, code: int | None) -> None:
            raise SystemExit(code)


    class Interrupted(Command):
        name = "interrupted"
        description = "Ctrl+C while it runs."

        def handle(self) -> None:
            raise KeyboardInterrupt
"""


def _lifecycle_project(project: Project) -> Project:
    project.write("bootstrap/app.py", LIFECYCLE_BOOTSTRAP)
    project.write("app/console/commands/work.py", COMMANDS)
    return project


def test_cli_startup_and_shutdown_callbacks_run_around_the_command(project: Project) -> None:
    result = _lifecycle_project(project).run("work")

    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "startup: cli",
        "startup: any",
        "work: booted=True console=True",
        "shutdown: cli",
    ]


def test_a_command_that_does_not_boot_runs_no_lifespan_callback(project: Project) -> None:
    result = _lifecycle_project(project).run("unbooted")

    assert result.code == 0, result.err
    assert result.out.splitlines() == ["unbooted: state=created"]


def test_the_exit_code_is_what_an_async_handle_returns(project: Project) -> None:
    _lifecycle_project(project)

    assert project.run("exit", "3").code == 3
    assert project.run("exit", "0").code == 0


def test_shutdown_runs_even_when_the_command_fails(project: Project) -> None:
    result = _lifecycle_project(project).run("broken")

    assert result.code == 1
    assert result.out.splitlines()[-1] == "shutdown: cli"
    assert "Error: the disk is full" in result.err
    assert "Traceback" not in result.err
    assert "Run with -v" in result.err


def test_a_failing_command_shows_its_traceback_with_verbose(project: Project) -> None:
    _lifecycle_project(project)

    for argv in (("broken", "-v"), ("-v", "broken"), ("broken", "--verbose")):
        result = project.run(*argv)
        assert result.code == 1
        assert "Traceback (most recent call last)" in result.err
        assert "RuntimeError: the disk is full" in result.err
        assert result.err.rstrip().endswith("Error: the disk is full")


def test_a_failing_command_shows_its_traceback_when_app_debug_is_true(project: Project) -> None:
    _lifecycle_project(project).write(".env", "APP_DEBUG=true\n")

    result = project.run("broken")

    assert result.code == 1
    assert "Traceback (most recent call last)" in result.err


def test_a_handle_returning_something_else_than_an_int_fails(project: Project) -> None:
    result = _lifecycle_project(project).run("odd")

    assert result.code == 1
    assert "handle() of command 'odd'" in result.err
    assert "returned 'done'. Return an int exit code, or None for success." in result.err


def test_system_exit_in_a_command_gives_its_code_after_shutdown(project: Project) -> None:
    _lifecycle_project(project)

    stopped = project.run("quit", "--code", "4")
    plain = project.run("quit")

    assert stopped.code == 4
    assert stopped.out.splitlines()[-1] == "shutdown: cli"
    assert plain.code == 0


def test_an_interrupted_command_exits_130_after_shutdown(project: Project) -> None:
    result = _lifecycle_project(project).run("interrupted")

    assert result.code == 130
    assert "Aborted!" in result.err
    assert result.out.splitlines()[-1] == "shutdown: cli"


def test_a_boot_failure_is_reported_and_exits_1(project: Project) -> None:
    project.write(
        "bootstrap/app.py",
        """
        from pathlib import Path

        from orionis import Application
        from orionis.foundation.enums.lifespan import Lifespan


        def init_database() -> None:
            raise ConnectionError("database unreachable")


        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.on(Lifespan.STARTUP, init_database)
        """,
    )
    project.write("app/console/commands/work.py", COMMANDS)

    booting = project.run("work")
    not_booting = project.run("unbooted")

    assert booting.code == 1
    assert "Error: STARTUP callback" in booting.err
    assert "database unreachable" in booting.err
    assert not_booting.code == 0


def test_two_commands_with_one_name_are_refused(project: Project) -> None:
    project.write(
        "app/console/commands/clash.py",
        """
        from orionis.console import Command


        class Mine(Command):
            name = "about"
            description = "Clashes with the built-in."

            def handle(self) -> None: ...
        """,
    )

    result = project.run("about")

    assert result.code == 1
    assert "Error: Two commands are named 'about': " in result.err
    assert "orionis.console.commands.about.About and app.console.commands.clash.Mine" in (
        result.err
    )
    assert "Rename one of them." in result.err


def test_a_command_without_a_name_is_refused(project: Project) -> None:
    project.write(
        "app/console/commands/nameless.py",
        """
        from orionis.console import Command


        class Nameless(Command):
            description = "Forgot its name."

            def handle(self) -> None: ...
        """,
    )

    result = project.run("about")

    assert result.code == 1
    assert "Command class app.console.commands.nameless.Nameless has no valid name ('')" in (
        result.err
    )
    assert 'e.g. name = "emails:send"' in result.err


def test_a_command_named_help_is_refused(project: Project) -> None:
    project.write(
        "app/console/commands/helper.py",
        """
        from orionis.console import Command


        class Helper(Command):
            name = "help"

            def handle(self) -> None: ...
        """,
    )

    result = project.run("help")

    assert result.code == 1
    assert (
        "Error: Command class app.console.commands.helper.Helper is named 'help', which "
        "reactor uses to explain commands. Pick another name." in result.err
    )


def test_kernel_call_runs_a_command_by_name(project: Project) -> None:
    from orionis.console import Kernel

    _lifecycle_project(project)
    kernel = Kernel(project.load())

    assert kernel.call("exit", "5") == 5
    assert {"work", "exit", "about", "route:list"} <= set(kernel.commands())
