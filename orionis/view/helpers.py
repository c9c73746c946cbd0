"""The ``view()`` helper."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orionis.foundation.application import Application
from orionis.view.factory import ViewFactory
from orionis.view.view import View

__all__ = ["view"]


def view(name: str, data: Mapping[str, Any] | None = None) -> View:
    """A view of template ``name`` (``"users.show"`` is ``users/show.html``) with ``data``."""
    factory: ViewFactory = Application.get_instance().make(ViewFactory)
    return factory.make(name, data)
