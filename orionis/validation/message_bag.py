"""Error messages by field, as templates read them: ``errors.first("email")``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

__all__ = ["MessageBag"]


class MessageBag:
    """Messages by field. ``errors.has("email")``, ``errors.first("email")``, ``errors.any()``.

    In Jinja2, ``errors.email`` and ``errors["email"]`` give the field's list (empty when none).
    """

    __slots__ = ("_messages",)

    def __init__(self, messages: Mapping[str, list[str]] | None = None) -> None:
        self._messages = {field: list(items) for field, items in (messages or {}).items()}

    def has(self, field: str) -> bool:
        """True when ``field`` has at least one message."""
        return bool(self._messages.get(field))

    def first(self, field: str | None = None, default: str = "") -> str:
        """The first message of ``field`` (of any field when None), else ``default``."""
        if field is None:
            return next((items[0] for items in self._messages.values() if items), default)
        items = self._messages.get(field)
        return items[0] if items else default

    def get(self, field: str) -> list[str]:
        """Every message of ``field``."""
        return list(self._messages.get(field, ()))

    def all(self) -> list[str]:
        """Every message, field after field."""
        return [message for items in self._messages.values() for message in items]

    def any(self) -> bool:
        """True when there is any message."""
        return any(self._messages.values())

    def to_dict(self) -> dict[str, list[str]]:
        """The messages as ``{"field": ["message", ...]}``."""
        return {field: list(items) for field, items in self._messages.items()}

    def __getitem__(self, field: str) -> list[str]:
        return self.get(field)

    def __contains__(self, field: object) -> bool:
        return isinstance(field, str) and self.has(field)

    def __iter__(self) -> Iterator[str]:
        return iter(self.all())

    def __len__(self) -> int:
        return len(self.all())

    def __bool__(self) -> bool:
        return self.any()

    def __repr__(self) -> str:
        return f"MessageBag({self._messages!r})"
