"""From names in config/http.py to middleware classes with parameters, in priority order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from orionis.http.errors import MiddlewareError
from orionis.support.suggest import did_you_mean

__all__ = ["MiddlewareResolver", "MiddlewareSpec"]


@dataclass(frozen=True, slots=True)
class MiddlewareSpec:
    """One middleware of a chain: its class and the parameters after the colon."""

    cls: type
    params: tuple[str, ...] = ()

    @property
    def terminable(self) -> bool:
        """True when the class has ``terminate()``."""
        return callable(getattr(self.cls, "terminate", None))


class MiddlewareResolver:
    """Expands groups and aliases, drops excluded ones, removes repeats, sorts by priority."""

    def __init__(
        self,
        *,
        aliases: Mapping[str, Any],
        groups: Mapping[str, Sequence[Any]],
        priority: Sequence[Any] = (),
    ) -> None:
        self.aliases = dict(aliases)
        self.groups = {name: list(entries) for name, entries in groups.items()}
        self.priority = list(priority)

    def resolve(self, entries: Iterable[Any], without: Iterable[Any] = ()) -> list[MiddlewareSpec]:
        """The chain for ``entries`` (names, ``"alias:params"``, groups or classes)."""
        specs = self._expand(list(entries), ())
        excluded = {spec.cls for spec in self._expand(list(without), ())}
        unique: list[MiddlewareSpec] = []
        for spec in specs:
            if spec.cls not in excluded and spec not in unique:
                unique.append(spec)
        return self._sorted(unique)

    def _expand(self, entries: list[Any], seen_groups: tuple[str, ...]) -> list[MiddlewareSpec]:
        specs: list[MiddlewareSpec] = []
        for entry in entries:
            if isinstance(entry, type):
                specs.append(MiddlewareSpec(_checked(entry, repr(entry))))
            elif isinstance(entry, str) and entry in self.groups:
                if entry in seen_groups:
                    cycle = " -> ".join((*seen_groups, entry))
                    raise MiddlewareError(f"Middleware group cycle: {cycle}")
                specs.extend(self._expand(self.groups[entry], (*seen_groups, entry)))
            elif isinstance(entry, str):
                specs.append(self._alias(entry))
            else:
                raise MiddlewareError(
                    f"Middleware {entry!r} is neither a class nor a name. Use a middleware "
                    "class, an alias from http.middleware_aliases, or a group name."
                )
        return specs

    def _alias(self, entry: str) -> MiddlewareSpec:
        name, _, raw = entry.partition(":")
        cls = self.aliases.get(name)
        if cls is None:
            known = [*self.aliases, *self.groups]
            raise MiddlewareError(
                f"Unknown middleware '{name}'.{did_you_mean(name, known)} Add it to "
                "middleware_aliases in config/http.py, or use the class itself. "
                f"Known names: {', '.join(sorted(known)) or '(none)'}."
            )
        params = tuple(p.strip() for p in raw.split(",")) if raw else ()
        return MiddlewareSpec(_checked(cls, entry), params)

    def _sorted(self, specs: list[MiddlewareSpec]) -> list[MiddlewareSpec]:
        if not self.priority:
            return specs
        ranks = {cls: i for i, cls in enumerate(self._priority_classes())}
        positions = [i for i, s in enumerate(specs) if s.cls in ranks]
        ranked = sorted((specs[i] for i in positions), key=lambda s: ranks[s.cls])
        result = list(specs)
        for position, spec in zip(positions, ranked, strict=True):
            result[position] = spec
        return result

    def _priority_classes(self) -> list[type]:
        classes = []
        for entry in self.priority:
            name = entry.partition(":")[0] if isinstance(entry, str) else entry
            cls = self.aliases.get(name) if isinstance(name, str) else name
            if cls is None:
                raise MiddlewareError(
                    f"middleware_priority names '{name}', which is not a middleware alias."
                    f"{did_you_mean(str(name), self.aliases)}"
                )
            classes.append(cls)
        return classes


def _checked(cls: Any, label: str) -> type:
    # handle() serves HTTP routes, handle_websocket() WebSocket routes: each kind of route
    # checks at boot that the middleware it runs has its method.
    if not isinstance(cls, type) or not (
        callable(getattr(cls, "handle", None)) or callable(getattr(cls, "handle_websocket", None))
    ):
        raise MiddlewareError(
            f"Middleware {label} must be a class with an async handle(self, request, next) "
            "method (or handle_websocket(self, websocket, next) for WebSocket routes); "
            f"got {cls!r}."
        )
    return cls
