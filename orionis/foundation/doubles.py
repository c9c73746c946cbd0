"""Test doubles in the container: ``app.swap(Abstract, fake)`` and ``app.fake(Abstract)``."""

from __future__ import annotations

from typing import Any

from orionis.container import Container
from orionis.container.binding import Binding
from orionis.foundation.errors import SetupError

__all__ = ["SwapsBindings"]

# Marks an abstract that had no binding before it was swapped: restoring forgets it.
_UNBOUND = object()


class SwapsBindings(Container):
    """Replace what an abstract resolves to, at any time (after boot too), and undo it.

    Compiled plans (controllers, middleware, other services) follow the swap on their next
    resolve; a singleton built earlier keeps what it was given when it was built.
    """

    _swap_originals: dict[Any, Any]

    def _swapped(self) -> dict[Any, Any]:
        originals: dict[Any, Any] | None = getattr(self, "_swap_originals", None)
        if originals is None:
            originals = self._swap_originals = {}
        return originals

    def swap(self, abstract: Any, instance: Any) -> Any:
        """Resolve ``abstract`` to ``instance`` until ``restore_swaps()``; returns ``instance``."""
        key = self._registry.canonical(abstract)
        self._swapped().setdefault(key, self._registry.bindings.get(key, _UNBOUND))
        return self.instance(key, instance)

    def fake(self, abstract: type[Any]) -> Any:
        """Swap in a recording fake of class ``abstract`` and return it.

        The fake is ``unittest.mock.create_autospec(abstract, instance=True)``: it has the
        class's methods with their signatures (async ones are awaitable), records every call
        (``fake.send.assert_called_once_with(...)``) and refuses attributes the class lacks.
        """
        if not isinstance(abstract, type):
            raise SetupError(
                f"app.fake({abstract!r}) needs a class to copy the methods of. Pass the class "
                "itself, or use app.swap(name, your_fake) for a name or an alias."
            )
        # Imported here: only tests need unittest.mock, and importing it costs startup time.
        from unittest.mock import create_autospec

        return self.swap(abstract, create_autospec(abstract, instance=True))

    def restore_swaps(self) -> None:
        """Put back every binding ``swap()``/``fake()`` replaced, newest first."""
        originals = self._swapped()
        for key, original in reversed(list(originals.items())):
            if isinstance(original, Binding):
                self._store(original)
            else:
                self.forget(key)
        originals.clear()
