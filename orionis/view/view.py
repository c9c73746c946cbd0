"""A template and its data, rendered when the response is built."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orionis.view.factory import ViewFactory

__all__ = ["View"]


class View:
    """What ``view("users.show", {...})`` returns; a controller may return it as is."""

    __slots__ = ("_factory", "data", "name")

    def __init__(self, factory: ViewFactory, name: str, data: dict[str, Any]) -> None:
        self._factory = factory
        self.name = name
        self.data = data

    def with_(self, key: str, value: Any) -> View:
        """Add one more variable; returns the view for chaining."""
        self.data[key] = value
        return self

    def render(self) -> str:
        """The rendered template."""
        return self._factory.render(self.name, self.data)
