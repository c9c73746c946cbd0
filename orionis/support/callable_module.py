"""Packages that can be called like the helper function of the same name.

``from orionis import config`` and ``from orionis import view`` name the subpackages
``orionis.config`` and ``orionis.view`` once those are imported (Python sets a package's
submodules as its attributes), shadowing the helpers. Making each package callable keeps both
``config("app.name")`` and ``from orionis.config import env`` working.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

__all__ = ["make_module_callable"]


def make_module_callable(module_name: str, function: Callable[..., Any]) -> None:
    """Calling the module ``module_name`` calls ``function`` with the same arguments."""

    class CallableModule(ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

    CallableModule.__doc__ = function.__doc__
    sys.modules[module_name].__class__ = CallableModule
