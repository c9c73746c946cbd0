"""Turns a callable's signature and the contextual rules into a Plan: reflection happens here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, get_origin

from orionis.container.binding import Dep, Injection, Plan, Value
from orionis.container.contextual import Give, GiveKind
from orionis.container.errors import (
    PrimitiveParameterError,
    UnannotatedParameterError,
    UnresolvableParameterError,
)
from orionis.container.introspection import (
    EMPTY,
    Parameter,
    Signature,
    is_primitive,
    read_signature,
    unwrap_optional,
)
from orionis.container.keys import ConfigKey, ContextualKey, TagKey, describe

__all__ = ["CONTAINER_PARAMETER_NAMES", "Planner"]

# Unannotated parameters with these names receive the container, as Laravel closures get $app
# (a lambda cannot be annotated).
CONTAINER_PARAMETER_NAMES = frozenset({"app", "container"})


class Planner:
    """Reads each callable's signature once and decides what every parameter receives."""

    def __init__(
        self,
        rules: dict[Any, dict[Any, Give]],
        resolvable: Callable[[Any], bool],
        container_key: Any,
    ) -> None:
        self._rules = rules
        self._resolvable = resolvable
        self._container_key = container_key
        self._signatures: dict[Any, Signature] = {}

    def signature(self, target: Any) -> Signature:
        """``target``'s signature, read on first use and cached."""
        signature = self._signatures.get(target)
        if signature is None:
            signature = self._signatures[target] = read_signature(target)
        return signature

    def plan(
        self,
        target: Any,
        consumers: tuple[Any, ...],
        chain: tuple[Any, ...],
        provided: Iterable[str] = (),
        bound: bool = False,
    ) -> Plan:
        """Decide, for each parameter of ``target`` not in ``provided``, what to inject.

        ``bound``: the caller passes the first parameter (a method's ``self``) positionally.
        """
        signature = self.signature(target)
        skipped = frozenset(provided)
        args: list[Injection] = []
        kwargs: dict[str, Injection] = {}
        for parameter in signature.parameters[1:] if bound else signature.parameters:
            if parameter.name in skipped:
                continue
            injection = self._injection(parameter, target, consumers, chain)
            if parameter.positional_only:
                args.append(Value(parameter.default) if injection is None else injection)
            elif injection is not None:
                kwargs[parameter.name] = injection
        accepts = None if signature.var_keyword else signature.names
        return Plan(tuple(args), kwargs, accepts)

    def _injection(
        self, parameter: Parameter, target: Any, consumers: tuple[Any, ...], chain: tuple[Any, ...]
    ) -> Injection | None:
        annotation = parameter.annotation
        needs = (parameter.name, annotation, unwrap_optional(annotation))
        for consumer in consumers:
            for need in needs:
                give = self._rule(consumer, need)
                if give is not None:
                    return _from_rule(give, consumer, need)
        if annotation is EMPTY:
            return self._unannotated(parameter, target, chain)
        return self._typed(parameter, unwrap_optional(annotation), target, chain)

    def _rule(self, consumer: Any, need: Any) -> Give | None:
        rules = self._rules.get(consumer)
        if rules is None or need is EMPTY:
            return None
        try:
            return rules.get(need)
        except TypeError:  # an unhashable annotation cannot have a rule
            return None

    def _unannotated(
        self, parameter: Parameter, target: Any, chain: tuple[Any, ...]
    ) -> Injection | None:
        if parameter.name in CONTAINER_PARAMETER_NAMES:
            return Dep(self._container_key)
        if parameter.has_default:
            return None
        raise UnannotatedParameterError(describe(target), parameter.name, _names(chain))

    def _typed(
        self, parameter: Parameter, wanted: Any, target: Any, chain: tuple[Any, ...]
    ) -> Injection | None:
        if is_primitive(wanted):
            if parameter.has_default:
                return None
            raise PrimitiveParameterError(
                describe(target), parameter.name, wanted.__name__, _names(chain)
            )
        if self._is_resolvable(wanted):
            return Dep(wanted)
        if parameter.has_default:
            return None
        if isinstance(wanted, type):
            return Dep(wanted)  # compiling it raises the missing-binding error, with the chain
        raise UnresolvableParameterError(
            describe(target), parameter.name, _type_name(wanted), _names(chain)
        )

    def _is_resolvable(self, wanted: Any) -> bool:
        try:
            return self._resolvable(wanted)
        except TypeError:  # unhashable annotations are never bound
            return False


def _from_rule(give: Give, consumer: Any, need: Any) -> Injection:
    if give.kind is GiveKind.VALUE:
        return Value(give.value)
    if give.kind is GiveKind.BUILD:
        return Dep(give.value)
    if give.kind is GiveKind.TAGGED:
        return Dep(TagKey(give.value))
    if give.kind is GiveKind.CONFIG:
        return Dep(ConfigKey(give.value))
    return Dep(ContextualKey(consumer, need))


def _names(chain: tuple[Any, ...]) -> tuple[str, ...]:
    # A chain of one is the class the message already names.
    return tuple(describe(key) for key in chain) if len(chain) > 1 else ()


def _type_name(annotation: Any) -> str:
    if isinstance(annotation, type) or get_origin(annotation) is not None:
        return describe(annotation)
    return repr(annotation).replace("typing.", "")
