"""Async singletons created at boot, and singleton teardowns run at shutdown."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

from orionis.container.binding import Binding, Lifetime
from orionis.container.errors import ContainerError
from orionis.container.graph import Graph, Node
from orionis.container.introspection import FactoryKind
from orionis.container.keys import describe
from orionis.container.registry import Registry
from orionis.container.teardown import Teardown, afirst_value, close_all, close_all_async

__all__ = ["Singletons"]


class Singletons:
    """Creates async singletons (dependencies first) and closes generator singletons (LIFO)."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry
        self._teardowns: list[tuple[Binding, Teardown]] = []
        self._warming: dict[Any, asyncio.Future[None]] = {}

    def on_teardown(self, binding: Binding, teardown: Teardown) -> None:
        """Remember a generator singleton's teardown."""
        self._teardowns.append((binding, teardown))

    async def warm(self, graph: Graph) -> None:
        """Create every async singleton not created yet, in registration order."""
        for key, binding in list(self._registry.bindings.items()):
            if _needs_warming(binding):
                node = graph.compile(key)
                for dependency in (*graph.walk(node), node):
                    if _needs_warming(dependency.binding):
                        await self._warm_one(graph, dependency)

    async def close(self, graph: Graph) -> None:
        """Run every singleton teardown, newest first; torn-down singletons are forgotten."""
        teardowns, self._teardowns = self._teardowns, []
        try:
            await close_all_async([teardown for _, teardown in teardowns])
        finally:
            self._forget(graph, teardowns)

    def close_sync(self, graph: Graph) -> None:
        """Like ``close`` for sync generator teardowns only."""
        pending = [b for b, teardown in self._teardowns if inspect.isasyncgen(teardown)]
        if pending:
            names = ", ".join(describe(binding.abstract) for binding in pending)
            raise ContainerError(
                f"Singletons with async teardowns are open ({names}); "
                "close_singletons_sync() cannot run those: call `await app.close_singletons()`."
            )
        teardowns, self._teardowns = self._teardowns, []
        try:
            close_all([teardown for _, teardown in teardowns])
        finally:
            self._forget(graph, teardowns)

    async def _warm_one(self, graph: Graph, node: Node) -> None:
        # Concurrent warm() calls share one creation per singleton.
        pending = self._warming.get(node.key)
        if pending is None:
            pending = asyncio.ensure_future(self._create(graph, node))
            self._warming[node.key] = pending
        try:
            await pending
        finally:
            self._warming.pop(node.key, None)

    async def _create(self, graph: Graph, node: Node) -> None:
        binding = node.binding
        if binding.created:
            return
        result = node.build()
        if binding.kind is FactoryKind.ASYNC_GENERATOR:
            value = await afirst_value(result)
            self.on_teardown(binding, result)
        else:
            value = await result
        decorate = graph.decorator_for(node.key)
        binding.remember(decorate(value) if decorate else value)
        graph.invalidate(node.key)  # recompiled as the value; dependents re-pointed to it

    def _forget(self, graph: Graph, teardowns: list[tuple[Binding, Teardown]]) -> None:
        for binding, _ in teardowns:
            binding.forget_value()
            if self._registry.bindings.get(binding.abstract) is binding:
                graph.invalidate(binding.abstract)


def _needs_warming(binding: Binding) -> bool:
    return binding.lifetime is Lifetime.SINGLETON and binding.kind.is_async and not binding.created
