"""Orionis: a Laravel-style web framework around a service container, served by Granian.

The names a skeleton imports are available here; each is loaded on first use, so that
``import orionis`` stays cheap and has no side effects.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orionis.foundation import Application, ServiceProvider, app, config
    from orionis.http.exceptions import abort
    from orionis.http.redirector import redirect
    from orionis.support.errors import OrionisError
    from orionis.view import view

__all__ = [
    "Application",
    "OrionisError",
    "ServiceProvider",
    "abort",
    "app",
    "config",
    "redirect",
    "view",
]
__version__ = "0.1.0"

_EXPORTS = {
    "Application": "orionis.foundation",
    "ServiceProvider": "orionis.foundation",
    "app": "orionis.foundation",
    "config": "orionis.foundation",
    "OrionisError": "orionis.support.errors",
    "abort": "orionis.http.exceptions",
    "redirect": "orionis.http.redirector",
    "view": "orionis.view",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'orionis' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
