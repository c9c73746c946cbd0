"""Type checks compiled from a section dataclass's field types, once per dataclass."""

from __future__ import annotations

import collections.abc
import dataclasses
import reprlib
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin, get_type_hints

from orionis.config.errors import ConfigError
from orionis.support.suggest import did_you_mean

__all__ = ["Check", "Rule", "Schema", "compile_check", "schema_of"]

_MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class Check:
    """Whether a value fits a type: ``expected`` reads after "must be" in an error message."""

    expected: str
    test: Callable[[Any], bool]
    item: Check | None = None

    def explain(self, value: Any) -> str:
        """``got str 'yes'``, plus the first bad item when a list or dict is at fault."""
        text = f"got {describe(value)}"
        if self.item is None:
            return text
        if isinstance(value, list):
            items: Any = enumerate(value)
        elif isinstance(value, dict):
            bad_key = next((key for key in value if not isinstance(key, str)), _MISSING)
            if bad_key is not _MISSING:
                return f"{text}; key {describe(bad_key)} is not a str"
            items = value.items()
        else:
            return text
        for index, element in items:
            if not self.item.test(element):
                return f"{text}; item {index!r} is {describe(element)}"
        return text


def describe(value: Any) -> str:
    """``str 'yes'``: a value's type name and a truncated repr, for error messages."""
    return f"{type(value).__name__} {_repr.repr(value)}"


_repr = reprlib.Repr()
_repr.maxstring = 60
_repr.maxother = 60
_repr.maxlist = _repr.maxdict = 4


def compile_check(hint: Any) -> Check:
    """Build the check for a type: bool, int, float, str, type, Any, Callable, None,
    ``list[X]``, ``dict[str, X]``, ``type[X]``, ``X | Y`` and ``Literal[...]``."""
    simple = _SIMPLE.get(hint)
    if simple is not None:
        return simple
    origin, args = get_origin(hint), get_args(hint)
    if origin is collections.abc.Callable:
        return _SIMPLE[collections.abc.Callable]
    if origin is list:
        return _list_check(compile_check(args[0]))
    if origin is dict:
        return _dict_check(compile_check(args[1]))
    if origin is type:
        return _subclass_check(args[0])
    if origin is typing.Union or origin is types.UnionType:
        return _union_check([compile_check(arg) for arg in args])
    if origin is Literal:
        return _literal_check(args)
    raise ConfigError(
        f"Config field type {hint!r} cannot be checked. Use bool, int, float, str, type, "
        "Callable, Any, list[X], dict[str, X], type[X], X | None or Literal[...]."
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_float(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_SIMPLE: dict[Any, Check] = {
    Any: Check("Any", lambda value: True),
    bool: Check("bool", lambda value: type(value) is bool),
    int: Check("int", _is_int),
    float: Check("float", _is_float),
    str: Check("str", lambda value: isinstance(value, str)),
    type: Check("type", lambda value: isinstance(value, type)),
    type(None): Check("None", lambda value: value is None),
    None: Check("None", lambda value: value is None),
    list: Check("list", lambda value: isinstance(value, list)),
    dict: Check("dict", lambda value: isinstance(value, dict)),
    collections.abc.Callable: Check("Callable", callable),
}


def _list_check(item: Check) -> Check:
    def test(value: Any) -> bool:
        return isinstance(value, list) and all(item.test(element) for element in value)

    return Check(f"list[{item.expected}]", test, item)


def _dict_check(item: Check) -> Check:
    def test(value: Any) -> bool:
        return isinstance(value, dict) and all(
            isinstance(key, str) and item.test(element) for key, element in value.items()
        )

    return Check(f"dict[str, {item.expected}]", test, item)


def _subclass_check(base: Any) -> Check:
    if base is Any:
        return _SIMPLE[type]

    def test(value: Any) -> bool:
        return isinstance(value, type) and issubclass(value, base)

    return Check(f"a subclass of {base.__name__}", test)


def _union_check(members: list[Check]) -> Check:
    tests = tuple(member.test for member in members)

    def test(value: Any) -> bool:
        return any(member(value) for member in tests)

    return Check(" or ".join(member.expected for member in members), test)


def _literal_check(allowed: tuple[Any, ...]) -> Check:
    # Type and value both, so that True does not pass for Literal[1] (True == 1).
    def test(value: Any) -> bool:
        return any(type(value) is type(option) and value == option for option in allowed)

    return Check(f"one of {', '.join(repr(option) for option in allowed)}", test)


@dataclass(frozen=True, slots=True)
class Rule:
    """One key of a section: its check, how to make its default, and message extras."""

    name: str
    check: Check
    default: Callable[[], Any] | None
    hint: str = ""
    merge: bool = False

    def problem(self, value: Any) -> str | None:
        """The error message for a bad value, or None when the value fits."""
        if self.check.test(value):
            return None
        hint = f" {self.hint}" if self.hint else ""
        return f"{self.name!r} must be {self.check.expected}, {self.check.explain(value)}.{hint}"


class Schema:
    """The rules of one section dataclass: defaults, overlay and validation of a section."""

    __slots__ = ("rules",)

    def __init__(self, rules: Mapping[str, Rule]) -> None:
        self.rules = dict(rules)

    def problems(self, values: Mapping[str, Any]) -> list[str]:
        """Every problem with ``values``, one message each (without the file name)."""
        return [problem for _, problem in self.keyed_problems(values)]

    def keyed_problems(self, values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """Like ``problems``, each message with the key it is about."""
        found: list[tuple[str, str]] = []
        for key, value in values.items():
            rule = self.rules.get(key)
            problem = self._unknown(key) if rule is None else rule.problem(value)
            if problem is not None:
                found.append((key, problem))
        for key, rule in self.rules.items():
            if rule.default is None and key not in values:
                found.append((key, f"missing key {key!r}: it must be {rule.check.expected}."))
        return found

    def apply(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Fresh defaults overlaid with ``values`` (assumed valid: see ``problems``)."""
        result: dict[str, Any] = {}
        for key, rule in self.rules.items():
            value = values.get(key, _MISSING)
            if value is _MISSING:
                value = rule.default() if rule.default is not None else None
            elif rule.merge:
                value = {**(rule.default() if rule.default is not None else {}), **value}
            result[key] = value
        return result

    def _unknown(self, key: str) -> str:
        return (
            f"unknown key {key!r}.{did_you_mean(key, self.rules)} "
            f"Allowed keys: {', '.join(self.rules)}. "
            "Prefix helper names with '_' to keep them out of the config."
        )


# Schemas by section dataclass: built on first use, then shared by every application.
_schemas: dict[type[Any], Schema] = {}


def schema_of(section: type[Any]) -> Schema:
    """The schema of a section dataclass; its field types are read once and cached."""
    schema = _schemas.get(section)
    if schema is None:
        schema = _schemas[section] = _build(section)
    return schema


def _build(section: type[Any]) -> Schema:
    hints = get_type_hints(section)
    return Schema(
        {
            spec.name: Rule(
                name=spec.name,
                check=compile_check(hints[spec.name]),
                default=_default_of(spec),
                hint=spec.metadata.get("hint", ""),
                merge=spec.metadata.get("merge", False),
            )
            for spec in dataclasses.fields(section)
        }
    )


def _default_of(spec: dataclasses.Field[Any]) -> Callable[[], Any] | None:
    if spec.default is not dataclasses.MISSING:
        value = spec.default
        return lambda: value
    if spec.default_factory is not dataclasses.MISSING:
        return spec.default_factory
    return None
