"""``reactor`` as a user meets it: the listing, help, unknown commands, bad arguments."""

from __future__ import annotations

from tests.console.conftest import Project

GREET = """
    from orionis.console import Argument, Command, Option


    class Greet(Command):
        name = "greet"
        description = "Greet someone."
        help = "Greet someone by name, loudly if asked."
        arguments = [Argument("who", help="Who to greet")]
        options = [
            Option("--shout", is_flag=True, help="Upper case"),
            Option("--times", type=int, default=1, help="How many times"),
        ]

        def handle(self, who: str, shout: bool, times: int) -> None:
            text = f"Hello, {who}!"
            for _ in range(times):
                self.line(text.upper() if shout else text)
"""


def test_reactor_alone_lists_every_command_by_namespace(project: Project) -> None:
    project.write("app/console/commands/greet.py", GREET)

    result = project.run()

    assert result.code == 0
    out = result.out
    assert "Usage: reactor [OPTIONS] [COMMAND] [ARGS]..." in out
    assert "Available commands:" in out
    for line in ("about", "help", "greet  ", "route:list", "make:controller", "key:generate"):
        assert line in out
    # Namespaced commands come under their namespace's heading.
    assert out.index("make:") < out.index("make:command") < out.index("make:test")
    assert "Greet someone." in out


def test_help_explains_a_command(project: Project) -> None:
    project.write("app/console/commands/greet.py", GREET)

    via_help = project.run("help", "greet")
    via_option = project.run("greet", "--help")

    assert via_help.code == via_option.code == 0
    assert via_help.out == via_option.out
    assert "Usage: reactor greet [OPTIONS] WHO" in via_help.out
    assert "Greet someone by name, loudly if asked." in via_help.out
    assert "WHO  Who to greet" in via_help.out
    assert "--shout" in via_help.out and "Upper case" in via_help.out
    assert "--times INTEGER" in via_help.out


def test_help_alone_lists_the_commands(project: Project) -> None:
    result = project.run("help")

    assert result.code == 0
    assert "Available commands:" in result.out


def test_arguments_and_options_reach_handle(project: Project) -> None:
    project.write("app/console/commands/greet.py", GREET)

    result = project.run("greet", "Ada", "--shout", "--times", "2")

    assert result.code == 0, result.err
    assert result.out.splitlines() == ["HELLO, ADA!", "HELLO, ADA!"]


def test_an_unknown_command_suggests_close_names_and_exits_2(project: Project) -> None:
    result = project.run("route:lst")

    assert result.code == 2
    assert "Error: No such command 'route:lst'. Did you mean 'route:list'?" in result.err
    assert "Run 'reactor' to list the commands." in result.err


def test_help_of_an_unknown_command_suggests_close_names(project: Project) -> None:
    result = project.run("help", "abuot")

    assert result.code == 2
    assert "No such command 'abuot'. Did you mean 'about'?" in result.err


def test_an_unknown_command_without_close_names_suggests_none(project: Project) -> None:
    result = project.run("zzzzzz")

    assert result.code == 2
    assert "No such command 'zzzzzz'. Run 'reactor' to list the commands." in result.err


def test_bad_arguments_exit_with_the_usage_code(project: Project) -> None:
    project.write("app/console/commands/greet.py", GREET)

    missing = project.run("greet")
    wrong_type = project.run("greet", "Ada", "--times", "many")
    unknown_option = project.run("greet", "Ada", "--loud")

    assert missing.code == wrong_type.code == unknown_option.code == 2
    assert "Missing argument 'WHO'" in missing.err
    assert "'many' is not a valid integer" in wrong_type.err
    assert "No such option" in unknown_option.err and "--loud" in unknown_option.err
