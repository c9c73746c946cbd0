"""Generating the function that calls a concrete with its plan applied.

Measured on a 3-level graph: a dependency-injector Factory per node costs about 4.4x
hand-written construction, a generated function per node about 2x. The generated function
reads each dependency through its key's cell (a one-item list the graph re-points when the
key is rebound), so dependents compiled earlier follow rebinding without being regenerated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from orionis.container.binding import Dep, Injection, Plan
from orionis.container.keys import describe

__all__ = ["Cell", "generate"]

Cell = list[Callable[[], Any]]


def generate(
    target: Any,
    plan: Plan,
    cell: Callable[[Any], Cell],
    *,
    as_list: bool = False,
    bound: bool = False,
    open_kwargs: bool = False,
) -> Callable[..., Any]:
    """A function calling ``target`` with ``plan``'s injections.

    ``as_list`` builds a list of the positional injections instead of calling ``target``;
    ``bound`` takes the instance as the first positional argument; ``open_kwargs`` passes the
    caller's keyword arguments on (``make(**params)``, ``call``, ``compile_call``).
    """
    namespace: dict[str, Any] = {"_target": target}

    def expression(injection: Injection) -> str:
        name = f"_{len(namespace)}"
        if isinstance(injection, Dep):
            namespace[name] = cell(injection.key)
            return f"{name}[0]()"
        namespace[name] = injection.value
        return name

    args = [expression(injection) for injection in plan.args]
    kwargs = [f"{name}={expression(inj)}" for name, inj in plan.kwargs.items()]
    parameters = ["_self, /"] if bound else []
    if bound:
        args.insert(0, "_self")
    if open_kwargs:
        parameters.append("**_kw")
        kwargs.append("**_kw")
    body = f"[{', '.join(args)}]" if as_list else f"_target({', '.join([*args, *kwargs])})"
    source = f"def build({', '.join(parameters)}):\n    return {body}\n"
    exec(compile(source, f"<orionis: build {describe(target)}>", "exec"), namespace)
    built: Callable[..., Any] = namespace["build"]
    return built
