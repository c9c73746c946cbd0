"""Container setup verbs that refuse to run once the application has booted."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from orionis.container import Container
from orionis.container.contextual import ContextualBindingBuilder

__all__ = ["GuardedSetup"]


class GuardedSetup(Container):
    """The container's registration verbs, each checking first that setup is still open.

    After boot, the compiled routes and graph are final: a late ``bind`` would be silently
    ignored by whatever was already prepared, so it is refused with a pointer to where it goes.
    """

    def _ensure_setup(self, call: str) -> None:
        raise NotImplementedError

    def bind(self, abstract: Any, concrete: Any = None) -> None:
        self._ensure_setup("bind")
        super().bind(abstract, concrete)

    def singleton(self, abstract: Any, concrete: Any = None) -> None:
        self._ensure_setup("singleton")
        super().singleton(abstract, concrete)

    def scoped(self, abstract: Any, concrete: Any = None) -> None:
        self._ensure_setup("scoped")
        super().scoped(abstract, concrete)

    def scoped_value(self, abstract: Any) -> None:
        self._ensure_setup("scoped_value")
        super().scoped_value(abstract)

    def alias(self, abstract: Any, name: str) -> None:
        self._ensure_setup("alias")
        super().alias(abstract, name)

    def when(self, consumers: Any) -> ContextualBindingBuilder:
        self._ensure_setup("when")
        return super().when(consumers)

    def tag(self, abstracts: Any, *tags: str | Iterable[str]) -> None:
        self._ensure_setup("tag")
        super().tag(abstracts, *tags)

    def extend(self, abstract: Any, extender: Callable[[Any, Any], Any]) -> None:
        self._ensure_setup("extend")
        super().extend(abstract, extender)

    def resolving(self, abstract: Any, callback: Callable[[Any, Any], Any]) -> None:
        self._ensure_setup("resolving")
        super().resolving(abstract, callback)
