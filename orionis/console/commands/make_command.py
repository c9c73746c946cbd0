"""``make:command``: a console command class in app/console/commands/."""

from __future__ import annotations

from orionis.console.command import Option
from orionis.console.commands.generator import FORCE, GeneratorCommand, render_stub, snake_case
from orionis.foundation.application import Application

__all__ = ["MakeCommand"]


class MakeCommand(GeneratorCommand):
    """``reactor make:command SendEmails [--command emails:send] [--force]``."""

    name = "make:command"
    description = "Create a console command class in app/console/commands/."
    kind = "Command"
    folder = ("app", "console", "commands")
    options = [
        FORCE,
        Option("--command", "command_name", help="The command's name (default: app:<name>)."),
    ]

    def handle(self, name: str, force: bool, command_name: str | None, app: Application) -> None:
        target = self.target(app, name)
        command = command_name or default_command_name(target.class_name)
        content = render_stub("command", class_name=target.class_name, command=command)
        self.write(app, target, content, force)
        self.comment(f"Run it with: reactor {command}")


def default_command_name(class_name: str) -> str:
    """``SendEmailsCommand`` -> ``app:send-emails``."""
    stem = class_name.removesuffix("Command") or class_name
    return "app:" + snake_case(stem).replace("_", "-")
