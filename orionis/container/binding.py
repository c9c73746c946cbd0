"""What one binding records, and the plan its concrete is compiled from."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from orionis.container.introspection import FactoryKind

__all__ = ["Binding", "Dep", "Injection", "Lifetime", "Plan", "Value"]


class Lifetime(enum.Enum):
    """How long a resolved value lives."""

    TRANSIENT = "transient"
    SINGLETON = "singleton"
    SCOPED = "scoped"
    INSTANCE = "instance"
    SCOPED_VALUE = "scoped value"

    @property
    def is_scoped(self) -> bool:
        """True for the lifetimes whose values live in the current scope."""
        return self in (Lifetime.SCOPED, Lifetime.SCOPED_VALUE)


@dataclass(frozen=True, slots=True)
class Dep:
    """Inject whatever the container resolves for ``key``."""

    key: Any


@dataclass(frozen=True, slots=True)
class Value:
    """Inject this constant."""

    value: Any


Injection = Dep | Value


@dataclass(slots=True)
class Plan:
    """What to pass to a concrete: decided once, from its signature and the contextual rules.

    ``accepts`` names what ``make(abstract, **params)`` may pass (``None``: anything).
    """

    args: tuple[Injection, ...] = ()
    kwargs: dict[str, Injection] = field(default_factory=dict)
    accepts: frozenset[str] | None = frozenset()

    def dependencies(self) -> list[Any]:
        """The keys this plan resolves, in parameter order."""
        injections = (*self.args, *self.kwargs.values())
        return [injection.key for injection in injections if isinstance(injection, Dep)]


@dataclass(eq=False, slots=True)
class Binding:
    """One registration: an abstract, its concrete, its lifetime.

    ``consumers`` are the keys whose contextual rules apply to the concrete's parameters.
    ``plan`` is set for bindings the container builds itself (tags, config values).
    A singleton remembers its value here, so recompiling its node keeps the instance.
    """

    abstract: Any
    concrete: Any
    lifetime: Lifetime
    kind: FactoryKind
    consumers: tuple[Any, ...] = ()
    plan: Plan | None = None
    created: bool = False
    value: Any = None

    def remember(self, value: Any) -> Any:
        """Record the singleton's value and return it."""
        self.value, self.created = value, True
        return value

    def forget_value(self) -> None:
        """Drop the remembered singleton value, so the next resolve builds a new one."""
        self.value, self.created = None, False
