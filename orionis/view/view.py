"""A template and its data, rendered when the response is built."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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

    @property
    def factory(self) -> ViewFactory:
        """The factory that renders this view."""
        return self._factory

    def render(self) -> str:
        """The rendered template."""
        return self._factory.render(self.name, self.data)

    def chunks(self) -> Iterator[str]:
        """The rendered template piece by piece (for rendering in a worker thread)."""
        return self._factory.chunks(self.name, self.data)

    @staticmethod
    def share(key: str, value: Any) -> None:
        """``View.share("app_name", "Shop")``: a variable every template sees."""
        _factory().share(key, value)

    @staticmethod
    def composer(views: str | list[str], callback: Callable[[View], object]) -> None:
        """``View.composer("users.*", add_counts)``: run ``callback(view)`` before rendering."""
        _factory().composer(views, callback)


def _factory() -> ViewFactory:
    # The application's factory; imported here because the factory module imports this one.
    from orionis.foundation.application import Application
    from orionis.view.factory import ViewFactory

    factory: ViewFactory = Application.get_instance().make(ViewFactory)
    return factory
