"""Errors the container raises; each message says what failed, where, and how to fix it."""

from __future__ import annotations

from collections.abc import Sequence

from orionis.support.errors import OrionisError

__all__ = [
    "AsyncBindingError",
    "BindingError",
    "BindingNotFoundError",
    "CircularDependencyError",
    "ContainerError",
    "PrimitiveParameterError",
    "ScopeError",
    "ScopeMismatchError",
    "ScopedValueMissingError",
    "SingletonNotWarmedError",
    "TeardownError",
    "TypeHintError",
    "UnannotatedParameterError",
    "UnresolvableParameterError",
]


def _while_building(chain: Sequence[str]) -> str:
    return f" while building {' -> '.join(chain)}" if chain else ""


class ContainerError(OrionisError):
    """Base class of every error the service container raises."""


class BindingError(ContainerError):
    """A binding, a ``make()`` or a ``call()`` was asked for something it cannot do."""


class BindingNotFoundError(ContainerError, LookupError):
    """Nothing is bound to an abstract and it cannot be built automatically."""

    def __init__(
        self, name: str, chain: Sequence[str], reason: str, example: str, suggestion: str = ""
    ) -> None:
        self.name = name
        self.chain = tuple(chain)
        reason = f" {reason}" if reason else ""
        super().__init__(
            f"No binding for {name}{_while_building(chain)}.{reason} "
            f"Bind it in a provider's register(): {example}.{suggestion}"
        )


class CircularDependencyError(ContainerError):
    """Building a class needs, somewhere down its graph, the class itself."""

    def __init__(self, cycle: Sequence[str]) -> None:
        self.cycle = tuple(cycle)
        super().__init__(
            f"Circular dependency: {' -> '.join(cycle)}. Break the cycle: inject the Container "
            "into one of them and make() the other when it is needed, or move the part both "
            "need into a service of its own."
        )


class UnannotatedParameterError(ContainerError):
    """A parameter has neither a type annotation nor a default."""

    def __init__(self, owner: str, parameter: str, chain: Sequence[str]) -> None:
        self.owner, self.parameter = owner, parameter
        super().__init__(
            f"Cannot build {owner}: parameter '{parameter}' has no type annotation and no "
            f"default{_while_building(chain)}. Annotate it ({parameter}: SomeService), give it a "
            f'default, or give it a value: app.when({owner}).needs("{parameter}").give(...).'
        )


class PrimitiveParameterError(ContainerError):
    """A builtin-typed parameter (str, int, ...) has no default and no contextual value."""

    def __init__(self, owner: str, parameter: str, type_name: str, chain: Sequence[str]) -> None:
        self.owner, self.parameter = owner, parameter
        super().__init__(
            f"Cannot build {owner}: parameter '{parameter}: {type_name}' has no default, and "
            f"{type_name} values are never autowired{_while_building(chain)}. Give it a default "
            f'or a contextual value: app.when({owner}).needs("{parameter}").give(<{type_name}>).'
        )


class UnresolvableParameterError(ContainerError):
    """A parameter's type is not something the container can build (``list[X]``, ``Any``...)."""

    def __init__(self, owner: str, parameter: str, type_name: str, chain: Sequence[str]) -> None:
        self.owner, self.parameter = owner, parameter
        super().__init__(
            f"Cannot build {owner}: parameter '{parameter}: {type_name}' has a type the container "
            f"cannot build and no default{_while_building(chain)}. Give it a default, bind "
            f'{type_name}, or give it a value: app.when({owner}).needs("{parameter}").give(...).'
        )


class TypeHintError(ContainerError):
    """The type hints of a class or callable cannot be evaluated."""

    def __init__(self, owner: str, error: Exception) -> None:
        self.owner = owner
        super().__init__(
            f"Cannot read the type hints of {owner}: {error}. The types the container injects "
            "must exist at runtime: import them at module level, not under `if TYPE_CHECKING:`."
        )


class AsyncBindingError(ContainerError):
    """An async factory would hand a coroutine to a synchronous dependent."""


class SingletonNotWarmedError(AsyncBindingError):
    """An async singleton was resolved before ``warm_singletons()`` created it."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"{name} is a singleton with an async factory and has not been created yet. Async "
            "singletons are created by `await app.warm_singletons()` when the application boots: "
            f"resolve {name} after boot (or await app.warm_singletons() first in a script or test)."
        )


class ScopeError(ContainerError):
    """A scoped service was resolved outside a scope, or a scope was used wrongly."""


class ScopedValueMissingError(ScopeError):
    """A ``scoped_value`` was resolved in a scope that did not supply it."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"{name} is a scoped value, but the current scope did not supply it. Supply it when "
            f"the scope opens: `with app.scope() as scope: scope.instance({name}, value)`."
        )


class ScopeMismatchError(ContainerError):
    """A singleton's graph reaches a scoped service (it would keep one request's instance)."""

    def __init__(self, path: Sequence[str], supplied: bool) -> None:
        self.path = tuple(path)
        singleton, scoped = path[0], path[-1]
        fix = (
            f"make {singleton} scoped ({scoped} is supplied per scope)"
            if supplied
            else f"make {singleton} scoped, or {scoped} a singleton"
        )
        super().__init__(
            f"Singleton {singleton} depends on scoped {scoped} ({' -> '.join(path)}). A singleton "
            f"lives for the whole app and would keep the first request's instance: {fix}."
        )


class TeardownError(ContainerError):
    """A generator factory did not yield exactly once."""
