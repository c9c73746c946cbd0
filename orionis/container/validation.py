"""Checking the whole graph before the app serves: missing bindings, cycles, scope leaks."""

from __future__ import annotations

from typing import Any

from orionis.container.binding import Lifetime
from orionis.container.errors import ScopeMismatchError
from orionis.container.graph import Graph, Node
from orionis.container.keys import describe

__all__ = ["validate_graph"]


def validate_graph(graph: Graph, keys: list[Any]) -> None:
    """Compile every key (raising on missing bindings and cycles) and check singleton scopes."""
    for key in keys:
        node = graph.compile(key)
        if node.binding.lifetime is Lifetime.SINGLETON:
            path = _path_to_scoped(graph, node, set())
            if path is not None:
                supplied = path[-1].binding.lifetime is Lifetime.SCOPED_VALUE
                raise ScopeMismatchError([describe(step.key) for step in path], supplied)


def _path_to_scoped(graph: Graph, node: Node, seen: set[int]) -> list[Node] | None:
    """The first path from ``node`` down to a scoped binding, depth first."""
    for dependency in graph.dependencies(node):
        if dependency.binding.lifetime.is_scoped:
            return [node, dependency]
        if id(dependency) in seen:
            continue
        seen.add(id(dependency))
        rest = _path_to_scoped(graph, dependency, seen)
        if rest is not None:
            return [node, *rest]
    return None
