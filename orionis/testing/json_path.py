"""Reading decoded JSON with dot paths (``"data.0.id"``) and comparing shapes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["MISSING", "contains_subset", "find_path", "missing_structure"]

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "<missing>"})()


def find_path(data: Any, path: str) -> Any:
    """The value at dot ``path`` (keys and list indexes), or ``MISSING``."""
    current = data
    for part in path.split(".") if path else ():
        if isinstance(current, Mapping) and part in current:
            current = current[part]
        elif (
            _is_list(current)
            and part.lstrip("-").isdigit()
            and -len(current) <= int(part) < len(current)
        ):
            current = current[int(part)]
        else:
            return MISSING
    return current


def contains_subset(actual: Any, expected: Any) -> bool:
    """True when ``expected`` is found in ``actual``: dict keys recursively, list items by index
    (``actual`` may have more), anything else by equality."""
    if isinstance(expected, Mapping):
        return isinstance(actual, Mapping) and all(
            key in actual and contains_subset(actual[key], value) for key, value in expected.items()
        )
    if _is_list(expected):
        return (
            _is_list(actual)
            and len(actual) >= len(expected)
            and all(contains_subset(a, e) for a, e in zip(actual, expected, strict=False))
        )
    return bool(actual == expected)


def missing_structure(actual: Any, structure: Any, at: str = "") -> list[str]:
    """The dot paths of ``structure`` that ``actual`` lacks.

    ``structure`` is a list of keys, or a dict of key -> structure; the key ``"*"`` applies
    its structure to every item of a list (or every value of a dict).
    """
    if _is_list(structure):
        structure = {key: None for key in structure}
    missing: list[str] = []
    for key, inner in structure.items():
        if key == "*":
            if isinstance(actual, Mapping):
                items = list(actual.values())
            elif _is_list(actual):
                items = list(actual)
            else:
                missing.append(f"{at}* (not a list or object)")
                continue
            for index, item in enumerate(items):
                missing += missing_structure(item, inner or {}, f"{at}{index}.")
        elif not isinstance(actual, Mapping) or key not in actual:
            missing.append(f"{at}{key}")
        elif inner:
            missing += missing_structure(actual[key], inner, f"{at}{key}.")
    return missing


def _is_list(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes, bytearray))
