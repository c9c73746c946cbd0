"""Errors of the console: bad command definitions, a missing application, failed commands."""

from orionis.support.errors import OrionisError

__all__ = [
    "ApplicationNotFoundError",
    "CommandDefinitionError",
    "CommandError",
    "ConsoleError",
]


class ConsoleError(OrionisError):
    """Base of the console errors."""


class ApplicationNotFoundError(ConsoleError):
    """``reactor`` ran where no ``bootstrap`` package exposes an ``app``."""


class CommandDefinitionError(ConsoleError):
    """A command class or closure is declared wrongly (name, arguments, options, handle)."""


class CommandError(ConsoleError):
    """Raised by a command to stop with a message and an exit code (1 unless given).

    The kernel prints ``Error: <message>`` and never a traceback: the message is the whole
    story, as for "the file already exists; pass --force".
    """

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
