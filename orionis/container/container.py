"""The service container: Laravel's API over a graph compiled once per key."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from typing import Any

from orionis.container.binding import Binding, Lifetime
from orionis.container.checks import check_concrete, check_names, check_takes_params, not_a_key
from orionis.container.contextual import ContextualBindingBuilder, Give, GiveKind, as_tuple
from orionis.container.errors import BindingError
from orionis.container.graph import Graph
from orionis.container.introspection import FactoryKind
from orionis.container.keys import CallKey, ContextualKey, ParamsKey, TagKey, describe
from orionis.container.lifetimes import Decorate
from orionis.container.planner import Planner
from orionis.container.registry import Registry
from orionis.container.scope import AsyncOpener, Scope, ScopePolicy
from orionis.container.singletons import Singletons
from orionis.container.validation import validate_graph

__all__ = ["Container"]


class Container:
    """Binds abstracts to concretes and builds them, injecting constructor dependencies by type.

    Signatures are read once, when a key is first compiled, into a generated build function
    per key (singletons and instances are dependency-injector providers); ``make()`` is then
    one dict lookup and one call. The container binds itself: parameters typed ``Container``
    (or the subclass) receive it.
    """

    def __init__(self) -> None:
        self._registry = Registry(self._resolve_deferred)
        self._planner = Planner(self._registry.rules, self._registry.is_resolvable, Container)
        self._singletons = Singletons(self._registry)
        self._graph = Graph(self._registry, self._planner, self, self._singletons.on_teardown)
        self._scope_policy = ScopePolicy(self._async_openers)
        self._graph.on_change(self._scope_policy.reset)
        self._resolvers = self._graph.resolvers
        for cls in {Container, type(self)}:
            self._store(
                Binding(cls, self, Lifetime.INSTANCE, FactoryKind.VALUE, created=True, value=self)
            )

    # Registration ---------------------------------------------------------------------------

    def bind(self, abstract: Any, concrete: Any = None) -> None:
        """Bind ``abstract`` to a new ``concrete`` (class or factory) on every resolve."""
        self._bind(abstract, concrete, Lifetime.TRANSIENT)

    def singleton(self, abstract: Any, concrete: Any = None) -> None:
        """Bind ``abstract`` to one shared instance, built on first resolve (async: at boot)."""
        self._bind(abstract, concrete, Lifetime.SINGLETON)

    def scoped(self, abstract: Any, concrete: Any = None) -> None:
        """Bind ``abstract`` to one instance per scope (per request)."""
        self._bind(abstract, concrete, Lifetime.SCOPED)

    def bind_if(self, abstract: Any, concrete: Any = None) -> None:
        """``bind`` unless ``abstract`` is already bound."""
        if not self.bound(abstract):
            self.bind(abstract, concrete)

    def singleton_if(self, abstract: Any, concrete: Any = None) -> None:
        """``singleton`` unless ``abstract`` is already bound."""
        if not self.bound(abstract):
            self.singleton(abstract, concrete)

    def scoped_if(self, abstract: Any, concrete: Any = None) -> None:
        """``scoped`` unless ``abstract`` is already bound."""
        if not self.bound(abstract):
            self.scoped(abstract, concrete)

    def instance(self, abstract: Any, obj: Any) -> Any:
        """Bind ``abstract`` to the existing ``obj`` and return it."""
        self._store(
            Binding(abstract, obj, Lifetime.INSTANCE, FactoryKind.VALUE, created=True, value=obj)
        )
        return obj

    def scoped_value(self, abstract: Any) -> None:
        """Declare ``abstract`` as supplied by each scope: ``scope.instance(abstract, value)``."""
        self._store(Binding(abstract, None, Lifetime.SCOPED_VALUE, FactoryKind.VALUE))

    def alias(self, abstract: Any, name: str) -> None:
        """Let ``make(name)`` resolve ``abstract``."""
        if self._registry.canonical(abstract) == name:
            raise BindingError(
                f"Cannot alias {describe(abstract)} as {name!r}: {name!r} would resolve to "
                "itself. Alias the bound abstract instead."
            )
        self._registry.bindings.pop(name, None)
        self._graph.invalidate(name)
        self._registry.aliases[name] = abstract
        self._graph.resolvers.pop(name, None)

    def bound(self, abstract: Any) -> bool:
        """True when ``abstract`` is bound, or is an alias."""
        return self._registry.is_bound(abstract)

    def forget(self, abstract: Any) -> None:
        """Remove an alias, or the binding of ``abstract``."""
        if isinstance(abstract, str) and abstract in self._registry.aliases:
            del self._registry.aliases[abstract]
            self._graph.resolvers.pop(abstract, None)
            return
        self._registry.bindings.pop(abstract, None)
        self._track(abstract, None)
        self._graph.invalidate(abstract)

    def when(self, consumers: Any) -> ContextualBindingBuilder:
        """Start a contextual rule: ``app.when(Consumer).needs(Abstract).give(Concrete)``.

        ``consumers`` is a class, a factory or function, or a list of them.
        """
        return ContextualBindingBuilder(self._add_rule, consumers)

    def tag(self, abstracts: Any, *tags: str | Iterable[str]) -> None:
        """Tag one abstract or a list of them with one or more tags."""
        for tag in (name for group in tags for name in as_tuple(group)):
            entries = self._registry.tags.setdefault(tag, [])
            entries.extend(a for a in as_tuple(abstracts) if a not in entries)
            self._graph.invalidate(TagKey(tag))

    def extend(self, abstract: Any, extender: Callable[[Any, Any], Any]) -> None:
        """Decorate what ``abstract`` resolves to: ``extender(instance, container) -> instance``.

        An instance or an already created singleton is extended at once; otherwise every
        instance built from now on is.
        """
        key = self._registry.canonical(abstract)
        binding = self._registry.bindings.get(key)
        if binding is not None and binding.created:
            binding.remember(extender(binding.value, self))
        else:
            self._registry.extenders.setdefault(key, []).append(extender)
        self._graph.invalidate(key)

    def resolving(self, abstract: Any, callback: Callable[[Any, Any], Any]) -> None:
        """Call ``callback(instance, container)`` after each instance of ``abstract`` is built."""
        key = self._registry.canonical(abstract)
        self._registry.resolving.setdefault(key, []).append(callback)
        self._graph.invalidate(key)

    # Resolution -----------------------------------------------------------------------------

    def make(self, abstract: Any, /, **params: Any) -> Any:
        """Resolve ``abstract``. ``params`` are passed by name to its constructor or factory
        (only the top-level one) and give a new instance even for a singleton."""
        if params:
            return self._make_with(abstract, params)
        try:
            resolver = self._resolvers[abstract]
        except KeyError:
            resolver = self._graph.resolver(abstract)
        except TypeError:
            raise not_a_key(abstract) from None
        return resolver()

    def __getitem__(self, abstract: Any) -> Any:
        """``container[Abstract]`` is ``container.make(Abstract)``."""
        try:  # make()'s fast path, inlined: this is a hot path too
            resolver = self._resolvers[abstract]
        except KeyError:
            resolver = self._graph.resolver(abstract)
        except TypeError:
            raise not_a_key(abstract) from None
        return resolver()

    async def amake(self, abstract: Any, /, **params: Any) -> Any:
        """Like ``make``, awaiting the result of an async (transient) factory."""
        result = self.make(abstract, **params)
        return await result if inspect.isawaitable(result) else result

    def tagged(self, tag: str) -> list[Any]:
        """Resolve everything tagged ``tag``, in tag order (empty for an unknown tag)."""
        result: list[Any] = self.make(TagKey(tag))
        return result

    def call(self, fn: Callable[..., Any], /, **params: Any) -> Any:
        """Call ``fn``: ``params`` by name, every other parameter injected by type.

        Returns a coroutine for an async function. The plan is compiled on the first call
        (per function and set of parameter names) and reused.
        """
        key = _call_key(fn, tuple(params))
        try:
            plan = self._resolvers[key]
        except KeyError:
            plan = self._graph.resolver(key)
        return plan(_receiver(fn), **params) if key.bound else plan(**params)

    def compile_call(
        self, fn: Callable[..., Any], provided: Iterable[str] = ()
    ) -> Callable[..., Any]:
        """Compile ``fn`` (a function, method or class) into a callable that takes exactly the
        ``provided`` names as keyword arguments and injects every other parameter.

        For a controller action: ``compile_call(UserController.show, ("self", "id"))`` then
        ``plan(self=controller, id=5)``. The plan follows later rebinding of what it injects;
        its contextual rules are those in force when it was compiled (rules belong in
        ``register()``, before the kernel compiles its plans at boot).
        """
        key = _call_key(fn, tuple(provided))
        self._check_provided(key)
        plan = self._graph.compile(key).build
        return functools.partial(plan, _receiver(fn)) if key.bound else plan

    def scope(self) -> Scope:
        """A new request scope: ``with app.scope() as scope:`` or ``async with ...``."""
        return Scope(self._scope_policy)

    # Lifecycle ------------------------------------------------------------------------------

    async def warm_singletons(self) -> None:
        """Create the async singletons (dependencies first). The application calls it at boot."""
        await self._singletons.warm(self._graph)

    async def close_singletons(self) -> None:
        """Run generator singletons' teardowns, newest first, sync and async ones.

        Every teardown runs even when one fails; one failure is re-raised as it is, several
        as an ``ExceptionGroup``. Torn-down singletons are forgotten (a resolve builds anew).
        """
        await self._singletons.close(self._graph)

    def close_singletons_sync(self) -> None:
        """``close_singletons`` without an event loop; raises if an async teardown is pending."""
        self._singletons.close_sync(self._graph)

    def validate(self) -> None:
        """Compile every binding's graph; raise on a missing binding, a cycle, or a singleton
        that reaches a scoped binding. The application calls it at boot."""
        registry = self._registry
        keys = [*registry.bindings, *registry.contextual, *map(TagKey, registry.tags)]
        validate_graph(self._graph, keys)

    def _resolve_deferred(self, abstract: Any) -> bool:
        """Register a deferred provider for ``abstract``; True when one was registered.

        Called before an abstract is treated as unbound. The Application overrides it.
        """
        return False

    # Internals ------------------------------------------------------------------------------

    def _bind(self, abstract: Any, concrete: Any, lifetime: Lifetime) -> None:
        concrete = abstract if concrete is None else concrete
        kind = check_concrete(abstract, concrete, lifetime)
        consumers = (abstract,) if concrete is abstract else (concrete, abstract)
        self._store(Binding(abstract, concrete, lifetime, kind, consumers))

    def _store(self, binding: Binding) -> None:
        key = binding.abstract
        if isinstance(key, str) and self._registry.aliases.pop(key, None) is not None:
            self._graph.resolvers.pop(key, None)
        self._registry.bindings[key] = binding
        self._track(key, binding)
        self._graph.invalidate(key)

    def _track(self, key: Any, binding: Binding | None) -> None:
        policy = self._scope_policy
        policy.suppliable.discard(key)
        if key in policy.async_keys:
            policy.async_keys.remove(key)
        if binding is not None and binding.lifetime.is_scoped:
            policy.suppliable.add(key)
            if binding.kind.is_async:
                policy.async_keys.append(key)

    def _add_rule(self, consumers: tuple[Any, ...], need: Any, give: Give) -> None:
        for consumer in consumers:
            self._registry.rules.setdefault(consumer, {})[need] = give
            if give.kind is GiveKind.FACTORY:
                key = ContextualKey(consumer, need)
                kind = check_concrete(key, give.value, Lifetime.TRANSIENT)
                binding = Binding(key, give.value, Lifetime.TRANSIENT, kind, (give.value,))
                self._registry.contextual[key] = binding
                self._graph.invalidate(key)
        self._graph.refresh_consumers(consumers)

    def _make_with(self, abstract: Any, params: dict[str, Any]) -> Any:
        key = self._registry.canonical(abstract)
        binding = self._registry.binding_for(key, ())
        check_takes_params(binding)
        # Compiled for these names: what they supply is neither injected nor required.
        node = self._graph.compile(ParamsKey(key, tuple(params)))
        check_names(describe(key), node.plan.accepts, params, "make")
        return _apply(self._graph.decorator_for(key), node.build(**params), binding.kind)

    def _check_provided(self, key: CallKey) -> None:
        signature = self._planner.signature(key.target)
        if not signature.var_keyword:
            check_names(
                describe(key.target), signature.names, dict.fromkeys(key.provided), "compile_call"
            )

    def _async_openers(self) -> tuple[AsyncOpener, ...]:
        openers: dict[Any, AsyncOpener] = {}
        for key in self._scope_policy.async_keys:
            node = self._graph.compile(key)
            for step in (*self._graph.walk(node), node):
                binding = step.binding
                if binding.lifetime is Lifetime.SCOPED and binding.kind.is_async:
                    decorate = self._graph.decorator_for(step.key)
                    openers.setdefault(
                        step.key, AsyncOpener(step.key, step.build, binding.kind, decorate)
                    )
        return tuple(openers.values())


def _call_key(fn: Any, provided: tuple[str, ...]) -> CallKey:
    target = getattr(fn, "__func__", None)
    if target is not None and getattr(fn, "__self__", None) is not None:
        return CallKey(target, provided, True)
    return CallKey(fn, provided)


def _receiver(method: Any) -> Any:
    return method.__self__


def _apply(decorate: Decorate, result: Any, kind: FactoryKind) -> Any:
    if decorate is None:
        return result
    if kind is FactoryKind.ASYNC_FUNCTION:
        return _decorate_later(result, decorate)
    return decorate(result)


async def _decorate_later(pending: Any, decorate: Callable[[Any], Any]) -> Any:
    return decorate(await pending)
