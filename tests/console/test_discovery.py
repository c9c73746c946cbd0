"""The application's commands are every Command subclass defined under app/console/commands/."""

from __future__ import annotations

from pathlib import Path

import pytest

from orionis.console import Command, CommandDefinitionError
from orionis.console.discovery import discover_commands
from tests.console.conftest import Project


def _command(name: str, class_name: str) -> str:
    return f"""
        from orionis.console import Command


        class {class_name}(Command):
            name = "{name}"
            description = "The {name} command."

            def handle(self) -> None:
                self.line("{name} ran")
    """


def _names(commands: list[type[Command]]) -> list[str]:
    return [command.name for command in commands]


def test_commands_are_found_in_modules_and_subfolders(project: Project) -> None:
    project.write("app/console/commands/emails.py", _command("emails:send", "SendEmails"))
    project.write("app/console/commands/reports/daily.py", _command("reports:daily", "Daily"))
    project.load()

    found = discover_commands(project.root / "app/console/commands", project.root)

    assert _names(found) == ["emails:send", "reports:daily"]
    assert found[1].__module__ == "app.console.commands.reports.daily"


def test_discovered_commands_run_through_reactor(project: Project) -> None:
    project.write("app/console/commands/reports/daily.py", _command("reports:daily", "Daily"))

    result = project.run("reports:daily")

    assert (result.code, result.out) == (0, "reports:daily ran\n")


def test_imported_classes_and_private_modules_are_not_commands(project: Project) -> None:
    project.write("app/console/commands/emails.py", _command("emails:send", "SendEmails"))
    project.write("app/console/commands/_base.py", _command("base", "Base"))
    project.write(
        "app/console/commands/reuse.py",
        "from app.console.commands.emails import SendEmails\n\nKEEP = SendEmails\n",
    )
    project.load()

    found = discover_commands(project.root / "app/console/commands", project.root)

    assert _names(found) == ["emails:send"]


def test_no_folder_means_no_commands(tmp_path: Path) -> None:
    assert discover_commands(tmp_path / "app/console/commands", tmp_path) == []


def test_a_module_that_fails_to_import_is_named(project: Project) -> None:
    broken = project.write("app/console/commands/broken.py", "import not_a_module_at_all\n")
    project.load()

    with pytest.raises(CommandDefinitionError) as raised:
        discover_commands(project.root / "app/console/commands", project.root)

    assert str(raised.value) == (
        f"Command module {broken} failed to import: ModuleNotFoundError: No module named "
        "'not_a_module_at_all'. Fix the file (run with -v for the traceback)."
    )


def test_reactor_reports_a_broken_command_module(project: Project) -> None:
    project.write("app/console/commands/broken.py", "raise RuntimeError('oops')\n")

    result = project.run("about")

    assert result.code == 1
    assert "failed to import: RuntimeError: oops" in result.err
