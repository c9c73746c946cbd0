"""The console: ``reactor``, its kernel, the `Command` base class and closure commands."""

from orionis.console.closures import Console
from orionis.console.command import Argument, Command, Option
from orionis.console.errors import (
    ApplicationNotFoundError,
    CommandDefinitionError,
    CommandError,
    ConsoleError,
)
from orionis.console.kernel import Kernel
from orionis.console.output import Output

__all__ = [
    "ApplicationNotFoundError",
    "Argument",
    "Command",
    "CommandDefinitionError",
    "CommandError",
    "Console",
    "ConsoleError",
    "Kernel",
    "Option",
    "Output",
]
