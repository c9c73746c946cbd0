"""Checks on what callers hand the container: concretes, parameter names, keys."""

from __future__ import annotations

from typing import Any

from orionis.container.binding import Binding, Lifetime
from orionis.container.errors import BindingError
from orionis.container.introspection import FactoryKind, factory_kind, is_abstract
from orionis.container.keys import describe
from orionis.support.suggest import did_you_mean

__all__ = ["check_concrete", "check_names", "check_takes_params", "not_a_key"]


def check_concrete(abstract: Any, concrete: Any, lifetime: Lifetime) -> FactoryKind:
    """Refuse what cannot be bound; return how ``concrete`` produces its value."""
    name = describe(abstract)
    if concrete is abstract and not isinstance(abstract, type):
        raise BindingError(
            f"Cannot bind {name} without a concrete: give the class or factory that builds it, "
            f"e.g. app.bind({name}, SmtpMailer)."
        )
    if concrete is abstract and is_abstract(abstract):
        raise BindingError(
            f"Cannot bind {name} to itself: it is abstract (a Protocol/ABC). Give a concrete "
            f"class or factory: app.bind({name}, <concrete>)."
        )
    if not callable(concrete):
        raise BindingError(
            f"Cannot bind {name} to {concrete!r}: a concrete is a class or a factory function. "
            f"To bind an existing object use app.instance({name}, obj)."
        )
    kind = factory_kind(concrete)
    if kind.is_generator and lifetime is Lifetime.TRANSIENT:
        raise BindingError(
            f"Cannot bind {name} to the generator {describe(concrete)}: its teardown needs a "
            f"lifetime that ends. Use app.singleton({name}, ...) or app.scoped({name}, ...)."
        )
    return kind


def check_names(owner: str, accepts: frozenset[str] | None, given: Any, verb: str) -> None:
    """Refuse a parameter name ``owner`` does not take (``accepts`` None: it takes any)."""
    if accepts is None:
        return
    for name in given:
        if name not in accepts:
            listed = ", ".join(sorted(accepts)) or "nothing"
            raise BindingError(
                f"{verb}({owner}) got the parameter '{name}', which {owner} does not take "
                f"(it takes: {listed}).{did_you_mean(name, accepts)}"
            )


def check_takes_params(binding: Binding) -> None:
    """Refuse ``make(abstract, **params)`` for what is not built by calling a concrete."""
    if binding.kind is FactoryKind.LIST:
        what = "a tag list"
    elif binding.kind.is_generator:
        what = "built by a generator factory"
    elif binding.kind is FactoryKind.VALUE and binding.lifetime is Lifetime.INSTANCE:
        what = "an instance binding"
    elif binding.kind is FactoryKind.VALUE:
        what = "a scoped value"
    else:
        return
    name = describe(binding.abstract)
    raise BindingError(
        f"make({name}) got parameters, but {name} is {what}, which takes none. "
        "Call make() without them."
    )


def not_a_key(abstract: Any) -> BindingError:
    """The error for an unhashable ``abstract``."""
    return BindingError(
        f"Cannot resolve {abstract!r}: an abstract is a class, a Protocol/ABC or a string key."
    )
