"""The service container: bindings, autowiring, scopes, compiled on dependency-injector."""

from orionis.container.container import Container
from orionis.container.errors import (
    AsyncBindingError,
    BindingError,
    BindingNotFoundError,
    CircularDependencyError,
    ContainerError,
    PrimitiveParameterError,
    ScopedValueMissingError,
    ScopeError,
    ScopeMismatchError,
    SingletonNotWarmedError,
    TeardownError,
    TypeHintError,
    UnannotatedParameterError,
    UnresolvableParameterError,
)
from orionis.container.scope import Scope

__all__ = [
    "AsyncBindingError",
    "BindingError",
    "BindingNotFoundError",
    "CircularDependencyError",
    "Container",
    "ContainerError",
    "PrimitiveParameterError",
    "Scope",
    "ScopeError",
    "ScopeMismatchError",
    "ScopedValueMissingError",
    "SingletonNotWarmedError",
    "TeardownError",
    "TypeHintError",
    "UnannotatedParameterError",
    "UnresolvableParameterError",
]
