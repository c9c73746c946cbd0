"""``Validator(data, rules).validate()``: the validated data, or ``ValidationError``.

Rules are written Laravel's way: ``{"email": "required|email", "age": ["integer", "min:18"]}``.
A rule string is parsed once and cached. A field that is missing or blank only runs
``required`` (and ``accepted``); ``nullable`` lets None through; ``sometimes`` skips a missing
field. Every failing rule of a field adds its message, in rule order; ``bail`` stops a field at
its first failure. ``items.*.name`` checks every item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from orionis.support.suggest import did_you_mean
from orionis.validation.errors import RuleError, ValidationError
from orionis.validation.message_bag import MessageBag
from orionis.validation.rules import (
    FLAGS,
    IMPLICIT,
    NUMERIC_RULES,
    SIZE_RULES,
    Context,
    Rule,
    RuleDefinition,
    builtin_rules,
    message_kind,
)

__all__ = ["FieldRules", "RuleSpec", "Validator", "parse_rules"]

RuleSpec = str | Sequence[Any]
"""``"required|email"`` or ``["required", "min:3", SomeRule()]``."""

_MISSING: Any = object()
_RULES: dict[str, RuleDefinition] = builtin_rules()


@dataclass(frozen=True, slots=True)
class FieldRules:
    """One field's parsed rules: flags apart, checks in order."""

    checks: tuple[tuple[str, tuple[str, ...]] | Any, ...]
    nullable: bool
    sometimes: bool
    numeric: bool
    bail: bool = False


def _split(item: str) -> tuple[str, tuple[str, ...]]:
    name, _, raw = item.strip().partition(":")
    if name in ("regex", "not_regex"):
        return name, (raw,)  # a pattern may hold commas
    return name, tuple(p.strip() for p in raw.split(",")) if raw else ()


def _checked(name: str, params: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    if name in FLAGS:
        return name, params
    definition = _RULES.get(name)
    if definition is None:
        raise RuleError(
            f"Unknown validation rule '{name}'.{did_you_mean(name, list(_RULES))} "
            "Register custom rules with Validator.extend(name, check, message), or pass a "
            "rule object with passes() and message()."
        )
    wanted = definition.params
    if wanted is None:
        return name, params
    if (wanted == -1 and not params) or (wanted > 0 and len(params) != wanted):
        count = "at least one parameter" if wanted == -1 else f"{wanted} parameter(s)"
        raise RuleError(
            f"Rule '{name}' needs {count}, written '{name}:{','.join(['x'] * max(wanted, 1))}'; "
            f"got {len(params)}."
        )
    return name, params


@lru_cache(maxsize=1024)
def _parse_item(item: str) -> tuple[str, tuple[str, ...]]:
    return _checked(*_split(item))


@lru_cache(maxsize=1024)
def _parse_string(spec: str) -> FieldRules:
    return _field_rules([_parse_item(item) for item in spec.split("|") if item.strip()])


def _field_rules(items: list[Any]) -> FieldRules:
    names = {item[0] for item in items if isinstance(item, tuple)}
    checks = tuple(item for item in items if not (isinstance(item, tuple) and item[0] in FLAGS))
    return FieldRules(
        checks,
        "nullable" in names,
        "sometimes" in names,
        bool(names & NUMERIC_RULES),
        "bail" in names,
    )


def parse_rules(spec: RuleSpec) -> FieldRules:
    """One field's rules, parsed (and cached when written as a string)."""
    if isinstance(spec, str):
        return _parse_string(spec)
    items: list[Any] = []
    for item in spec:
        if isinstance(item, str):
            items.append(_parse_item(item))  # one rule per item: a pattern may hold "|"
        elif isinstance(item, Rule) or callable(item):
            items.append(item)
        else:
            raise RuleError(
                f"A rule must be a string, a rule object with passes() and message(), or a "
                f"callable (attribute, value) -> error message or None; got {item!r}."
            )
    return _field_rules(items)


class Validator:
    """Validates ``data`` against ``rules``; ``messages`` and ``attributes`` reword errors.

    ``messages`` keys are ``"field.rule"`` or ``"rule"``; ``attributes`` maps a field to the
    name shown in messages (default: the field with underscores as spaces).
    """

    _custom_messages: ClassVar[dict[str, str | Mapping[str, str]]] = {}

    def __init__(
        self,
        data: Mapping[str, Any],
        rules: Mapping[str, RuleSpec],
        messages: Mapping[str, str] | None = None,
        attributes: Mapping[str, str] | None = None,
    ) -> None:
        self.data = data
        self.rules = {field: parse_rules(spec) for field, spec in rules.items()}
        self.custom = dict(messages or {})
        self.attributes = dict(attributes or {})
        self._errors: dict[str, list[str]] | None = None

    @staticmethod
    def extend(
        name: str, check: Callable[[Any, tuple[str, ...], Mapping[str, Any]], bool], message: str
    ) -> None:
        """Add rule ``name``: ``check(value, params, data) -> bool`` and its message template."""

        def adapted(value: Any, params: tuple[str, ...], context: Context) -> bool:
            return bool(check(value, params, context.data))

        _RULES[name] = RuleDefinition(adapted, message, None)
        _parse_item.cache_clear()
        _parse_string.cache_clear()

    def fails(self) -> bool:
        """True when any field broke its rules."""
        return bool(self.errors())

    def passes(self) -> bool:
        """True when every field kept its rules."""
        return not self.fails()

    def errors(self) -> dict[str, list[str]]:
        """Messages by field (empty when the data is valid)."""
        if self._errors is None:
            self._errors = {}
            for field, field_rules in self.rules.items():
                for concrete in _expand(field, self.data):
                    messages = self._failures(concrete, field, field_rules)
                    if messages:
                        self._errors[concrete] = messages
        return self._errors

    def messages(self) -> MessageBag:
        """The errors as a ``MessageBag``."""
        return MessageBag(self.errors())

    def validate(self) -> dict[str, Any]:
        """The validated fields (only those with rules); raises ``ValidationError``."""
        errors = self.errors()
        if errors:
            raise ValidationError(errors)
        return self.validated()

    def validated(self) -> dict[str, Any]:
        """The fields that have rules and are present, nested as in the data."""
        result: dict[str, Any] = {}
        for field in self.rules:
            path = field.split(".*")[0].split(".")
            value = _get(self.data, path)
            if value is not _MISSING:
                _set(result, path, value)
        return result

    def _failures(self, field: str, pattern: str, rules: FieldRules) -> list[str]:
        value = _get(self.data, field.split("."))
        if value is _MISSING and rules.sometimes:
            return []
        if value is None and rules.nullable:
            return []
        blank = value is _MISSING or (isinstance(value, str) and not value.strip())
        context = Context(field, self.data, rules.numeric, self._lookup)
        messages: list[str] = []
        for item in rules.checks:
            if blank and not (isinstance(item, tuple) and item[0] in IMPLICIT):
                continue
            message = self._run(item, None if value is _MISSING else value, context, pattern)
            if message is not None:
                messages.append(message)
                if rules.bail:
                    break
        return messages

    def _lookup(self, field: str) -> Any:
        value = _get(self.data, field.split("."))
        return None if value is _MISSING else value

    def _run(self, item: Any, value: Any, context: Context, pattern: str) -> str | None:
        attribute = self._attribute(context.field, pattern)
        if isinstance(item, Rule):
            if item.passes(context.field, value):
                return None
            return item.message().replace(":attribute", attribute)
        if not isinstance(item, tuple):
            result: str | None = item(context.field, value)
            return None if result is None else result.replace(":attribute", attribute)
        name, params = item
        definition = _RULES[name]
        if definition.check(value, params, context):
            return None
        return self._message(name, params, definition, value, context, attribute, pattern)

    def _message(
        self,
        name: str,
        params: tuple[str, ...],
        definition: RuleDefinition,
        value: Any,
        context: Context,
        attribute: str,
        pattern: str,
    ) -> str:
        template = self.custom.get(f"{context.field}.{name}") or self.custom.get(
            f"{pattern}.{name}"
        )
        template = template or self.custom.get(name)
        if template is None:
            base = definition.message
            if isinstance(base, Mapping):
                base = base[
                    message_kind(value, context.numeric) if name in SIZE_RULES else "string"
                ]
            template = base
        return _fill(template, attribute, name, params, self.attributes)

    def _attribute(self, field: str, pattern: str) -> str:
        name = self.attributes.get(field) or self.attributes.get(pattern)
        return name or field.replace("_", " ")


def _fill(
    template: str, attribute: str, name: str, params: tuple[str, ...], names: Mapping[str, str]
) -> str:
    replacements = {":attribute": attribute, ":values": ", ".join(params)}
    if name in ("min", "between"):
        replacements[":min"] = params[0]
    if name == "max":
        replacements[":max"] = params[0]
    if name == "between":
        replacements[":max"] = params[1]
    if name == "size":
        replacements[":size"] = params[0]
    if name in ("same", "different"):
        replacements[":other"] = names.get(params[0], params[0].replace("_", " "))
    for key in sorted(replacements, key=len, reverse=True):
        template = template.replace(key, replacements[key])
    return template


def _get(data: Any, path: list[str]) -> Any:
    current = data
    for part in path:
        if isinstance(current, Mapping) and part in current:
            current = current[part]
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return _MISSING
    return current


def _set(target: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def _expand(field: str, data: Any) -> Iterator[str]:
    """``items.*.name`` -> ``items.0.name``, ``items.1.name``...; other fields as they are."""
    if "*" not in field:
        yield field
        return
    head, _, tail = field.partition(".*")
    container = _get(data, head.split("."))
    if isinstance(container, list):
        keys: Sequence[str] = [str(i) for i in range(len(container))]
    elif isinstance(container, Mapping):
        keys = [str(k) for k in container]
    else:
        return
    for key in keys:
        yield from _expand(f"{head}.{key}{tail}", data)
