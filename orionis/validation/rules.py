"""The built-in rules: what each checks and the message it gives.

A check is ``check(value, params, context) -> bool``. ``context`` gives the other fields
(``confirmed``, ``same``, ``different``) and whether the field is numeric (for sizes).
``Validator.extend()`` adds named rules, the hook later database rules (``unique``,
``exists``) plug into.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

__all__ = [
    "FLAGS",
    "IMPLICIT",
    "NUMERIC_RULES",
    "SIZE_RULES",
    "Check",
    "Context",
    "Rule",
    "RuleDefinition",
    "builtin_rules",
    "is_present",
    "message_kind",
    "size_of",
]

FLAGS = frozenset({"nullable", "sometimes", "bail"})
"""Rules that change how a field is validated rather than checking its value."""
IMPLICIT = frozenset({"required", "accepted"})
"""Rules that run even when the field is missing or empty."""
NUMERIC_RULES = frozenset({"integer", "numeric"})
SIZE_RULES = frozenset({"min", "max", "between", "size"})


@dataclass(frozen=True, slots=True)
class Context:
    """What a check may look at besides the value."""

    field: str
    data: Mapping[str, Any]
    numeric: bool
    lookup: Callable[[str], Any]


Check = Callable[[Any, tuple[str, ...], Context], bool]


@runtime_checkable
class Rule(Protocol):
    """A rule object: ``passes(attribute, value)`` and ``message()`` (``:attribute`` works)."""

    def passes(self, attribute: str, value: Any) -> bool:
        """True when ``value`` is acceptable."""

    def message(self) -> str:
        """The error message template."""


@dataclass(frozen=True, slots=True)
class RuleDefinition:
    """A named rule: its check, its message (or messages by kind) and its parameter count."""

    check: Check
    message: str | Mapping[str, str]
    params: int | None = 0
    """How many parameters it needs (-1: one or more, 0: none, None: any number)."""


_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_INTEGER = re.compile(r"[+-]?\d+")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_EMPTY = object()


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, str) and bool(_INTEGER.fullmatch(value)))


def _to_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def size_of(value: Any, numeric: bool) -> float | None:
    """A number's value (for numeric fields), a string's length, a list's or dict's count."""
    if numeric:
        return _to_number(value)
    if isinstance(value, (str, list, dict, tuple)):
        return float(len(value))
    return _to_number(value)


def _kind(value: Any, numeric: bool) -> str:
    if numeric or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return "numeric"
    if isinstance(value, (list, dict, tuple)):
        return "array"
    return "string"


def _number(param: str, rule: str) -> float:
    try:
        return float(param)
    except ValueError:
        from orionis.validation.errors import RuleError

        raise RuleError(f"Rule '{rule}' needs numbers as parameters, got {param!r}.") from None


def _size_check(compare: Callable[[float, tuple[float, ...]], bool], rule: str) -> Check:
    def check(value: Any, params: tuple[str, ...], context: Context) -> bool:
        size = size_of(value, context.numeric)
        limits = tuple(_number(p, rule) for p in params)
        return size is not None and compare(size, limits)

    return check


def _is_date(value: Any) -> bool:
    if isinstance(value, (date, datetime)):
        return True
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def _is_url(value: Any) -> bool:
    if not isinstance(value, str) or any(char.isspace() for char in value):
        return False
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc) and parts.scheme.isascii()


def _is_uuid(value: Any) -> bool:
    if isinstance(value, uuid.UUID):
        return True
    return isinstance(value, str) and bool(_UUID.fullmatch(value))


def _is_boolean(value: Any) -> bool:
    return value in (True, False) or value in ("0", "1", "true", "false")


def _is_distinct(value: Any) -> bool:
    if not isinstance(value, (list, tuple)):
        return True
    seen = [repr(item) for item in value]
    return len(seen) == len(set(seen))


@lru_cache(maxsize=256)
def _pattern(source: str) -> re.Pattern[str]:
    from orionis.validation.errors import RuleError

    body = source
    if len(source) >= 2 and source[0] == "/" and source.rfind("/") > 0:
        body = source[1 : source.rfind("/")]  # Laravel's /pattern/ form
    try:
        return re.compile(body)
    except re.error as error:
        raise RuleError(f"Rule 'regex:{source}' has an invalid pattern: {error}.") from None


def _regex(value: Any, params: tuple[str, ...], context: Context) -> bool:
    return isinstance(value, (str, int, float)) and bool(_pattern(params[0]).search(str(value)))


def _present(value: Any) -> bool:
    if value is None or value is _EMPTY:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict, tuple)):
        return bool(value)
    return True


def _size_messages(numeric: str, string: str, array: str) -> dict[str, str]:
    return {"numeric": numeric, "string": string, "array": array}


def builtin_rules() -> dict[str, RuleDefinition]:
    """A fresh copy of the built-in rules by name."""

    def rule(check: Callable[[Any], bool], message: str) -> RuleDefinition:
        return RuleDefinition(lambda value, params, context: check(value), message)

    return {
        "required": rule(_present, "The :attribute field is required."),
        "accepted": rule(
            lambda v: v in (True, 1, "1", "yes", "on", "true"),
            "The :attribute field must be accepted.",
        ),
        "string": rule(lambda v: isinstance(v, str), "The :attribute field must be a string."),
        "integer": rule(_is_integer, "The :attribute field must be an integer."),
        "numeric": rule(
            lambda v: _to_number(v) is not None, "The :attribute field must be a number."
        ),
        "boolean": rule(_is_boolean, "The :attribute field must be true or false."),
        "array": rule(
            lambda v: isinstance(v, (list, dict)), "The :attribute field must be an array."
        ),
        "email": rule(
            lambda v: isinstance(v, str) and bool(_EMAIL.fullmatch(v)),
            "The :attribute field must be a valid email address.",
        ),
        "url": rule(_is_url, "The :attribute field must be a valid URL."),
        "uuid": rule(_is_uuid, "The :attribute field must be a valid UUID."),
        "date": rule(_is_date, "The :attribute field must be a valid date."),
        "distinct": rule(_is_distinct, "The :attribute field has a duplicate value."),
        "in": RuleDefinition(
            lambda v, p, c: not isinstance(v, (list, dict)) and _text(v) in p,
            "The selected :attribute is invalid.",
            -1,
        ),
        "not_in": RuleDefinition(
            lambda v, p, c: isinstance(v, (list, dict)) or _text(v) not in p,
            "The selected :attribute is invalid.",
            -1,
        ),
        "min": RuleDefinition(
            _size_check(lambda size, limits: size >= limits[0], "min"),
            _size_messages(
                "The :attribute field must be at least :min.",
                "The :attribute field must be at least :min characters.",
                "The :attribute field must have at least :min items.",
            ),
            1,
        ),
        "max": RuleDefinition(
            _size_check(lambda size, limits: size <= limits[0], "max"),
            _size_messages(
                "The :attribute field must not be greater than :max.",
                "The :attribute field must not be greater than :max characters.",
                "The :attribute field must not have more than :max items.",
            ),
            1,
        ),
        "between": RuleDefinition(
            _size_check(lambda size, limits: limits[0] <= size <= limits[1], "between"),
            _size_messages(
                "The :attribute field must be between :min and :max.",
                "The :attribute field must be between :min and :max characters.",
                "The :attribute field must have between :min and :max items.",
            ),
            2,
        ),
        "size": RuleDefinition(
            _size_check(lambda size, limits: size == limits[0], "size"),
            _size_messages(
                "The :attribute field must be :size.",
                "The :attribute field must be :size characters.",
                "The :attribute field must contain :size items.",
            ),
            1,
        ),
        "regex": RuleDefinition(_regex, "The :attribute field format is invalid.", 1),
        "not_regex": RuleDefinition(
            lambda v, p, c: not _regex(v, p, c), "The :attribute field format is invalid.", 1
        ),
        "confirmed": RuleDefinition(
            lambda v, p, c: c.lookup(f"{c.field}_confirmation") == v,
            "The :attribute field confirmation does not match.",
        ),
        "same": RuleDefinition(
            lambda v, p, c: c.lookup(p[0]) == v, "The :attribute field must match :other.", 1
        ),
        "different": RuleDefinition(
            lambda v, p, c: c.lookup(p[0]) != v,
            "The :attribute field and :other must be different.",
            1,
        ),
    }


def _text(value: Any) -> str:
    if value is True:
        return "1"
    if value is False:
        return "0"
    return str(value)


def message_kind(value: Any, numeric: bool) -> str:
    """Which message of a size rule applies: ``numeric``, ``string`` or ``array``."""
    return _kind(value, numeric)


def is_present(value: Any) -> bool:
    """False for a missing value, None, a blank string and an empty list or dict."""
    return _present(value)
