"""Errors of ``reactor serve``: a setting Granian would misread or silently ignore."""

from orionis.console.errors import CommandError

__all__ = ["ServeError"]


class ServeError(CommandError):
    """``reactor serve`` cannot start the server as asked; the message says what to change.

    A `CommandError`, so the console prints ``Error: <message>`` and exits with status 1.
    """
