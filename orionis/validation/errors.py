"""Errors of the validation layer."""

from __future__ import annotations

from collections.abc import Mapping

from orionis.support.errors import OrionisError

__all__ = ["RuleError", "ValidationError"]


class RuleError(OrionisError):
    """A rule is unknown or written wrongly: a mistake in the code, not in the input."""


class ValidationError(OrionisError):
    """The input broke the rules; ``errors`` maps each field to its messages.

    The HTTP layer answers it with 422 JSON ``{"message", "errors"}`` for JSON clients and
    with a redirect back (errors and old input flashed to the session) for HTML forms.
    """

    status_code = 422

    def __init__(self, errors: Mapping[str, list[str]], redirect_to: str | None = None) -> None:
        self.errors = {field: list(messages) for field, messages in errors.items()}
        self.redirect_to = redirect_to
        super().__init__(summary(self.errors))


def summary(errors: Mapping[str, list[str]]) -> str:
    """``"The name field is required. (and 2 more errors)"``, as Laravel words it."""
    messages = [message for field in errors.values() for message in field]
    if not messages:
        return "The given data was invalid."
    rest = len(messages) - 1
    if rest == 0:
        return messages[0]
    return f"{messages[0]} (and {rest} more error{'s' if rest > 1 else ''})"
