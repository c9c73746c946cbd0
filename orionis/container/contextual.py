"""Contextual binding: ``app.when(Consumer).needs(Abstract).give(Concrete)``."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["ContextualBindingBuilder", "Give", "GiveKind", "NeedsBuilder", "as_tuple"]


class GiveKind(enum.Enum):
    """What a contextual rule hands to the consumer."""

    VALUE = "value"
    BUILD = "build"
    FACTORY = "factory"
    TAGGED = "tagged"
    CONFIG = "config"


@dataclass(frozen=True, slots=True)
class Give:
    """One contextual rule's answer."""

    kind: GiveKind
    value: Any


Register = Callable[[tuple[Any, ...], Any, Give], None]


class ContextualBindingBuilder:
    """Returned by ``app.when(...)``; say what the consumer ``needs`` next."""

    __slots__ = ("_consumers", "_register")

    def __init__(self, register: Register, consumers: Any) -> None:
        self._register = register
        self._consumers = as_tuple(consumers)

    def needs(self, need: Any) -> NeedsBuilder:
        """Name what the consumer needs: an abstract type, or a parameter name (a ``str``)."""
        return NeedsBuilder(self._register, self._consumers, need)


class NeedsBuilder:
    """Returned by ``needs(...)``; say what to ``give``."""

    __slots__ = ("_consumers", "_need", "_register")

    def __init__(self, register: Register, consumers: tuple[Any, ...], need: Any) -> None:
        self._register, self._consumers, self._need = register, consumers, need

    def give(self, implementation: Any) -> None:
        """Give a value for a parameter name; for an abstract, a class, a factory or an object.

        A class is built by the container (its own binding applies), a function is called
        with its parameters injected, anything else is given as it is.
        """
        if isinstance(self._need, str) or not callable(implementation):
            self._give(GiveKind.VALUE, implementation)
        elif isinstance(implementation, type):
            self._give(GiveKind.BUILD, implementation)
        else:
            self._give(GiveKind.FACTORY, implementation)

    def give_tagged(self, tag: str) -> None:
        """Give the list of everything tagged ``tag``, in tag order."""
        self._give(GiveKind.TAGGED, tag)

    def give_config(self, key: str) -> None:
        """Give ``make("config").get(key)``, read each time the consumer is built."""
        self._give(GiveKind.CONFIG, key)

    def _give(self, kind: GiveKind, value: Any) -> None:
        self._register(self._consumers, self._need, Give(kind, value))


def as_tuple(value: Any) -> tuple[Any, ...]:
    """A list/tuple/set becomes a tuple; a single value a one-element tuple."""
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(value)
    return (value,)
