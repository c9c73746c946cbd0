"""Everything registered with a container: bindings, aliases, tags, rules and callbacks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from orionis.container.binding import Binding, Dep, Lifetime, Plan, Value
from orionis.container.contextual import Give
from orionis.container.errors import BindingNotFoundError
from orionis.container.introspection import FactoryKind, factory_kind, is_abstract, is_autowirable
from orionis.container.keys import (
    CallKey,
    ConfigKey,
    ContextualKey,
    ParamsKey,
    TagKey,
    describe,
)
from orionis.support.suggest import did_you_mean

__all__ = ["Callback", "Registry"]

Callback = Callable[[Any, Any], Any]


class Registry:
    """The container's registrations; the graph compiles from it."""

    def __init__(self, resolve_deferred: Callable[[Any], bool]) -> None:
        self.bindings: dict[Any, Binding] = {}
        self.aliases: dict[str, Any] = {}
        self.tags: dict[str, list[Any]] = {}
        self.rules: dict[Any, dict[Any, Give]] = {}
        self.contextual: dict[ContextualKey, Binding] = {}
        self.extenders: dict[Any, list[Callback]] = {}
        self.resolving: dict[Any, list[Callback]] = {}
        self._resolve_deferred = resolve_deferred

    def canonical(self, key: Any) -> Any:
        """Follow aliases to the abstract they name."""
        while isinstance(key, str) and key in self.aliases:
            key = self.aliases[key]
        return key

    def aliases_of(self, key: Any) -> list[str]:
        """Every alias that leads to ``key``."""
        return [name for name in self.aliases if self.canonical(name) == key]

    def is_bound(self, key: Any) -> bool:
        """True when ``key`` is bound or is an alias."""
        return key in self.bindings or (isinstance(key, str) and key in self.aliases)

    def is_resolvable(self, key: Any) -> bool:
        """True when resolving ``key`` would find something to build (deferred ones register)."""
        key = self.canonical(key)
        if key in self.bindings or is_autowirable(key):
            return True
        return self._resolve_deferred(key) and self.is_bound(self.canonical(key))

    def binding_for(self, key: Any, chain: tuple[Any, ...]) -> Binding:
        """The binding to compile for ``key``: registered, built in, deferred, or autowired."""
        binding = self.bindings.get(key)
        if binding is not None:
            return binding
        synthetic = self._synthetic(key)
        if synthetic is not None:
            return synthetic
        if self._resolve_deferred(key):
            binding = self.bindings.get(self.canonical(key))
            if binding is not None:
                return binding
        if is_autowirable(key):
            return Binding(key, key, Lifetime.TRANSIENT, FactoryKind.CLASS, consumers=(key,))
        raise self._missing(key, chain)

    def callbacks(self, key: Any) -> tuple[list[Callback], list[Callback]]:
        """The extenders and resolving callbacks of ``key``, in registration order."""
        return self.extenders.get(key, []), self.resolving.get(key, [])

    def _synthetic(self, key: Any) -> Binding | None:
        if isinstance(key, TagKey):
            plan = Plan(tuple(Dep(tagged) for tagged in self.tags.get(key.tag, [])))
            return Binding(key, list, Lifetime.TRANSIENT, FactoryKind.LIST, plan=plan)
        if isinstance(key, ConfigKey):
            plan = Plan((Dep("config"), Value(key.key)))
            return Binding(key, _config_value, Lifetime.TRANSIENT, FactoryKind.FUNCTION, plan=plan)
        if isinstance(key, ContextualKey):
            return self.contextual.get(key)
        if isinstance(key, CallKey):
            kind = factory_kind(key.target)
            return Binding(key, key.target, Lifetime.TRANSIENT, kind, consumers=(key.target,))
        if isinstance(key, ParamsKey):
            base = self.binding_for(key.abstract, ())
            return Binding(key, base.concrete, Lifetime.TRANSIENT, base.kind, base.consumers)
        return None

    def _missing(self, key: Any, chain: tuple[Any, ...]) -> BindingNotFoundError:
        name = describe(key)
        names = tuple(describe(link) for link in (*chain, key)) if chain else ()
        if isinstance(key, str):
            keys = [k for k in (*self.bindings, *self.aliases) if isinstance(k, str)]
            example = f"app.singleton({name}, <class or factory>)"
            return BindingNotFoundError(name, names, "", example, did_you_mean(key, keys))
        example = f"app.singleton({name}, {_implementation_hint(key)})"
        return BindingNotFoundError(name, names, _reason(key, name), example)


def _config_value(config: Any, key: str) -> Any:
    return config.get(key)


def _reason(key: Any, name: str) -> str:
    if isinstance(key, type) and is_abstract(key):
        return f"{name} is abstract (a Protocol/ABC), so it cannot be built automatically."
    if isinstance(key, type):
        return f"{name} is a builtin type, which the container never builds automatically."
    return f"{name} is not a class, so it cannot be built automatically."


def _implementation_hint(key: Any) -> str:
    """Name a concrete subclass when one exists (``SmtpMailer`` for ``Mailer``)."""
    if isinstance(key, type) and key is not type:
        subclass: type
        for subclass in key.__subclasses__():
            if is_autowirable(subclass):
                return subclass.__name__
    return "<concrete class or factory>"
