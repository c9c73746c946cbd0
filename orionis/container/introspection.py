"""Reading signatures and classifying types: the only place the container reflects."""

from __future__ import annotations

import enum
import inspect
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from orionis.container.errors import TypeHintError
from orionis.container.keys import describe

__all__ = [
    "EMPTY",
    "FactoryKind",
    "Parameter",
    "Signature",
    "factory_kind",
    "is_abstract",
    "is_autowirable",
    "is_primitive",
    "read_signature",
    "unwrap_optional",
]

EMPTY: Any = inspect.Parameter.empty


class FactoryKind(enum.Enum):
    """How a concrete produces its value; decided once, when it is bound."""

    CLASS = "class"
    FUNCTION = "function"
    ASYNC_FUNCTION = "async function"
    GENERATOR = "generator"
    ASYNC_GENERATOR = "async generator"
    VALUE = "value"
    LIST = "list"

    @property
    def is_async(self) -> bool:
        """True for ``async def`` and async generator factories."""
        return self in (FactoryKind.ASYNC_FUNCTION, FactoryKind.ASYNC_GENERATOR)

    @property
    def is_generator(self) -> bool:
        """True for factories whose code after ``yield`` is a teardown."""
        return self in (FactoryKind.GENERATOR, FactoryKind.ASYNC_GENERATOR)


@dataclass(frozen=True, slots=True)
class Parameter:
    """One injectable parameter; ``annotation`` and ``default`` are ``EMPTY`` when absent."""

    name: str
    annotation: Any
    default: Any
    positional_only: bool

    @property
    def has_default(self) -> bool:
        """True when the parameter may be left out."""
        return self.default is not EMPTY


@dataclass(frozen=True, slots=True)
class Signature:
    """The parameters of a callable, with ``*args``/``**kwargs`` left out."""

    parameters: tuple[Parameter, ...]
    var_keyword: bool

    @property
    def names(self) -> frozenset[str]:
        """Names that may be passed as keyword arguments."""
        return frozenset(p.name for p in self.parameters if not p.positional_only)


def factory_kind(concrete: Any) -> FactoryKind:
    """Classify a concrete: a class, or a plain / async / generator / async generator function."""
    if isinstance(concrete, type):
        return FactoryKind.CLASS
    if inspect.isasyncgenfunction(concrete):
        return FactoryKind.ASYNC_GENERATOR
    if inspect.iscoroutinefunction(concrete):
        return FactoryKind.ASYNC_FUNCTION
    if inspect.isgeneratorfunction(concrete):
        return FactoryKind.GENERATOR
    return FactoryKind.FUNCTION


def read_signature(target: Callable[..., Any]) -> Signature:
    """Read ``target``'s parameters and evaluate their type hints (string annotations too)."""
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return Signature((), var_keyword=True)
    hints = _type_hints(target)
    parameters = []
    for parameter in signature.parameters.values():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        annotation = hints.get(parameter.name, parameter.annotation)
        if isinstance(annotation, str):
            raise TypeHintError(describe(target), NameError(f"name {annotation!r} is not defined"))
        positional_only = parameter.kind is parameter.POSITIONAL_ONLY
        parameters.append(Parameter(parameter.name, annotation, parameter.default, positional_only))
    var_keyword = any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values())
    return Signature(tuple(parameters), var_keyword)


def _type_hints(target: Callable[..., Any]) -> dict[str, Any]:
    source = _hint_source(target)
    if source is None:
        return {}
    try:
        return typing.get_type_hints(source)
    except NameError as error:
        raise TypeHintError(describe(target), error) from error
    except TypeError:
        # Objects get_type_hints does not understand (partials, builtins): keep the signature's.
        return {}


def _hint_source(target: Any) -> Any:
    if isinstance(target, type):
        # The __init__ the class really runs: the first one along the MRO.
        owner = next(klass for klass in target.__mro__ if "__init__" in vars(klass))
        return None if owner is object else vars(owner)["__init__"]
    if inspect.isfunction(target) or inspect.ismethod(target):
        return target
    call = inspect.getattr_static(type(target), "__call__", None)
    return call if inspect.isfunction(call) else target


def is_primitive(annotation: Any) -> bool:
    """True for builtin types (str, int, list...): the container never autowires those."""
    return isinstance(annotation, type) and annotation.__module__ == "builtins"


def is_abstract(cls: type) -> bool:
    """True for a Protocol or an ABC with abstract methods."""
    return bool(getattr(cls, "_is_protocol", False)) or inspect.isabstract(cls)


def is_autowirable(key: Any) -> bool:
    """True when ``key`` is a concrete class the container may build from its constructor."""
    return isinstance(key, type) and not is_primitive(key) and not is_abstract(key)


def unwrap_optional(annotation: Any) -> Any:
    """``X | None`` and ``Optional[X]`` become ``X``; other annotations are returned as they are."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation
