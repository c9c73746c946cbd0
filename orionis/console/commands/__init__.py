"""The commands every Orionis application has, one module each."""

from __future__ import annotations

import importlib

from orionis.console.command import Command

__all__ = ["BUILTIN_COMMANDS", "builtin_commands"]

# Named by path, imported when the console starts.
BUILTIN_COMMANDS: tuple[str, ...] = (
    "orionis.console.commands.about.About",
    "orionis.console.commands.config_show.ConfigShow",
    "orionis.console.commands.key_generate.KeyGenerate",
    "orionis.console.commands.make_command.MakeCommand",
    "orionis.console.commands.make_controller.MakeController",
    "orionis.console.commands.make_middleware.MakeMiddleware",
    "orionis.console.commands.make_provider.MakeProvider",
    "orionis.console.commands.make_test.MakeTest",
    "orionis.console.commands.route_list.RouteList",
    "orionis.console.commands.serve.Serve",
)

# Built-ins that may be missing from a checkout without breaking the console.
_OPTIONAL = frozenset({"orionis.console.commands.serve"})


def builtin_commands() -> list[type[Command]]:
    """The built-in command classes, in the order of `BUILTIN_COMMANDS`."""
    commands: list[type[Command]] = []
    for path in BUILTIN_COMMANDS:
        module_name, _, class_name = path.rpartition(".")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name in _OPTIONAL:
                continue
            raise
        commands.append(getattr(module, class_name))
    return commands
