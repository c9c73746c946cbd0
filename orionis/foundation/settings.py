"""What ``bootstrap/app.py`` says about routing, middleware and exceptions, kept for the kernel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["HttpSettings"]


@dataclass(slots=True)
class HttpSettings:
    """Collected from ``with_routing()``, ``with_middleware()`` and ``with_exceptions()``."""

    web: list[str] = field(default_factory=list)
    api: list[str] = field(default_factory=list)
    api_prefix: str = "/api"
    health: str | None = None
    append: list[Any] = field(default_factory=list)
    prepend: list[Any] = field(default_factory=list)
    remove: list[Any] = field(default_factory=list)
    groups: dict[str, list[Any]] = field(default_factory=dict)
    aliases: dict[str, Any] = field(default_factory=dict)
    priority: list[Any] | None = None
    exception_handler: type | None = None
