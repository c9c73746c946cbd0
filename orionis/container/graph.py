"""The compiled graph: one resolver per key, kept current when bindings change.

Every key has a cell, a one-item list holding its current resolver; the functions generated
for dependents call ``cell[0]()``. Rebinding a key points its cell at a placeholder that
compiles the key again on first use and points the cell at the result, so dependents compiled
earlier see the new binding and no resolve ever reflects.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from orionis.container.binding import Binding, Lifetime, Plan
from orionis.container.codegen import Cell, generate
from orionis.container.errors import AsyncBindingError, CircularDependencyError
from orionis.container.introspection import FactoryKind
from orionis.container.keys import CallKey, ParamsKey, describe
from orionis.container.lifetimes import Decorate, OnTeardown, decorator, resolver_for
from orionis.container.planner import Planner
from orionis.container.registry import Registry

__all__ = ["Graph", "Node"]


@dataclass(eq=False, slots=True)
class Node:
    """One compiled key: its plan, the function that builds it, the function that resolves it.

    ``build`` calls the concrete; ``resolve`` adds the lifetime (shared, per scope...) and
    the ``extend``/``resolving`` callbacks.
    """

    key: Any
    binding: Binding
    plan: Plan
    build: Callable[..., Any]
    resolve: Callable[..., Any]


class Graph:
    """Compiles keys into resolvers and keeps dependents pointed at the current ones."""

    def __init__(
        self, registry: Registry, planner: Planner, container: Any, on_teardown: OnTeardown
    ) -> None:
        self.nodes: dict[Any, Node] = {}
        self.resolvers: dict[Any, Callable[..., Any]] = {}
        self._registry = registry
        self._planner = planner
        self._container = container
        self._on_teardown = on_teardown
        self._cells: dict[Any, Cell] = {}
        self._listeners: list[Callable[[], None]] = []
        self._lock = threading.RLock()

    def on_change(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` whenever a key is invalidated."""
        self._listeners.append(listener)

    def resolver(self, key: Any) -> Callable[..., Any]:
        """Compile ``key`` and remember its resolver for ``make(key)``."""
        with self._lock:
            resolve = self.compile(key).resolve
            self.resolvers[key] = resolve
            return resolve

    def compile(self, key: Any, chain: tuple[Any, ...] = ()) -> Node:
        """The node of ``key``, compiled (with its whole dependency graph) on first use."""
        node = self.nodes.get(self._registry.canonical(key))
        if node is not None:
            return node
        with self._lock:
            return self._compile(self._registry.canonical(key), chain)

    def invalidate(self, key: Any) -> None:
        """Drop ``key``'s node; it and its dependents compile anew on their next resolve."""
        with self._lock:
            key = self._registry.canonical(key)
            for listener in self._listeners:
                listener()
            for name in (key, *self._registry.aliases_of(key)):
                self.resolvers.pop(name, None)
            if self.nodes.pop(key, None) is not None:
                self._point(key, self._placeholder(key))
            for other in [k for k in self.nodes if isinstance(k, ParamsKey) and k.abstract == key]:
                self.invalidate(other)

    def refresh_consumers(self, consumers: tuple[Any, ...]) -> None:
        """Recompile what ``consumers`` build after their contextual rules changed."""
        with self._lock:
            for key, node in list(self.nodes.items()):
                if any(consumer in consumers for consumer in node.binding.consumers):
                    self.invalidate(key)

    def decorator_for(self, key: Any) -> Decorate:
        """The ``extend``/``resolving`` callbacks of ``key`` as one function (or ``None``)."""
        extenders, resolving = self._registry.callbacks(key)
        return decorator(extenders, resolving, self._container)

    def dependencies(self, node: Node) -> list[Node]:
        """The compiled nodes ``node`` injects."""
        return [self.compile(key) for key in node.plan.dependencies()]

    def walk(self, start: Node) -> Iterator[Node]:
        """Every node reachable from ``start`` (itself excluded), dependencies first, once each."""
        seen: set[int] = {id(start)}

        def visit(node: Node) -> Iterator[Node]:
            for dependency in self.dependencies(node):
                if id(dependency) not in seen:
                    seen.add(id(dependency))
                    yield from visit(dependency)
                    yield dependency

        return visit(start)

    def _compile(self, key: Any, chain: tuple[Any, ...]) -> Node:
        node = self.nodes.get(key)
        if node is not None:
            return node
        if key in chain:
            cycle = chain[chain.index(key) :]
            raise CircularDependencyError([describe(link) for link in (*cycle, key)])
        binding = self._registry.binding_for(key, chain)
        here = (*chain, key)
        plan = self._plan(binding, key, here)
        self._compile_dependencies(plan, here)
        build = self._build(binding, plan, key)
        resolve = resolver_for(binding, build, self.decorator_for(key), self._on_teardown)
        node = self.nodes[key] = Node(key, binding, plan, build, resolve)
        self._point(key, resolve)
        return node

    def _plan(self, binding: Binding, key: Any, here: tuple[Any, ...]) -> Plan:
        if binding.plan is not None:
            return binding.plan
        if binding.kind is FactoryKind.VALUE:
            return Plan()
        if isinstance(key, CallKey):
            return self._planner.plan(
                binding.concrete, binding.consumers, here, key.provided, key.bound
            )
        provided = key.provided if isinstance(key, ParamsKey) else ()
        return self._planner.plan(binding.concrete, binding.consumers, here, provided)

    def _compile_dependencies(self, plan: Plan, here: tuple[Any, ...]) -> None:
        for key in plan.dependencies():
            node = self._compile(self._registry.canonical(key), here)
            if node.binding.kind.is_async and node.binding.lifetime is Lifetime.TRANSIENT:
                raise _async_dependency(here[-1], node.key)

    def _build(self, binding: Binding, plan: Plan, key: Any) -> Callable[..., Any]:
        if binding.kind is FactoryKind.VALUE:
            return _nothing_to_build
        return generate(
            binding.concrete,
            plan,
            self._cell,
            as_list=binding.kind is FactoryKind.LIST,
            bound=isinstance(key, CallKey) and key.bound,
            open_kwargs=isinstance(key, CallKey | ParamsKey),
        )

    def _cell(self, key: Any) -> Cell:
        key = self._registry.canonical(key)
        cell = self._cells.get(key)
        if cell is None:
            node = self.nodes.get(key)
            cell = self._cells[key] = [node.resolve if node else self._placeholder(key)]
        return cell

    def _point(self, key: Any, resolve: Callable[[], Any]) -> None:
        cell = self._cells.get(key)
        if cell is not None:
            cell[0] = resolve

    def _placeholder(self, key: Any) -> Callable[[], Any]:
        def compile_then_resolve() -> Any:
            return self.compile(key).resolve()

        return compile_then_resolve


def _nothing_to_build(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("instances and scoped values are never built")  # pragma: no cover


def _async_dependency(dependent: Any, key: Any) -> AsyncBindingError:
    name, consumer = describe(key), describe(dependent)
    return AsyncBindingError(
        f"Cannot inject {name} into {consumer}: {name} has an async factory and is transient, "
        f"so {consumer} would receive a coroutine. Bind it with app.singleton() (awaited at "
        "boot) or app.scoped() (awaited when a scope opens), or resolve it with "
        f"`await app.amake({name})`."
    )
