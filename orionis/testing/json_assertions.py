"""The JSON assertions of `TestResponse`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, NoReturn, Self

from orionis.testing.json_path import MISSING, contains_subset, find_path, missing_structure

__all__ = ["AssertsJson"]


class AssertsJson:
    """Assertions on a JSON body; a failure shows the whole response."""

    status: int

    def json(self) -> Any:
        """The body decoded as JSON."""
        raise NotImplementedError

    def _fail(self, message: str) -> NoReturn:
        raise NotImplementedError

    def _decoded(self) -> Any:
        __tracebackhide__ = True
        try:
            return self.json()
        except ValueError:
            self._fail("Expected a JSON body, but it is not valid JSON.")

    def assert_json(self, subset: Any) -> Self:
        """The body contains ``subset``: its keys with these values, lists item by item."""
        __tracebackhide__ = True
        if not contains_subset(self._decoded(), subset):
            self._fail(f"The JSON body does not contain:\n  {_dump(subset)}")
        return self

    def assert_exact_json(self, expected: Any) -> Self:
        """The body is exactly ``expected``."""
        __tracebackhide__ = True
        if self._decoded() != expected:
            self._fail(f"The JSON body is not exactly:\n  {_dump(expected)}")
        return self

    def assert_json_path(self, path: str, expected: Any = MISSING) -> Self:
        """The value at dot ``path`` (``"data.0.id"``) exists, and equals ``expected`` if given.

        ``expected`` may be a callable taking the value and returning True when it is right.
        """
        __tracebackhide__ = True
        actual = find_path(self._decoded(), path)
        if actual is MISSING:
            self._fail(f"The JSON body has nothing at path {path!r}.")
        if expected is MISSING:
            return self
        matches = expected(actual) if callable(expected) else actual == expected
        if not matches:
            shown = getattr(expected, "__name__", repr(expected))
            self._fail(f"At JSON path {path!r} expected {shown} but found {actual!r}.")
        return self

    def assert_json_missing_path(self, path: str) -> Self:
        """Nothing is at dot ``path``."""
        __tracebackhide__ = True
        actual = find_path(self._decoded(), path)
        if actual is not MISSING:
            self._fail(f"Expected nothing at JSON path {path!r} but found {actual!r}.")
        return self

    def assert_json_count(self, count: int, path: str = "") -> Self:
        """The list (or object) at ``path`` (the body itself by default) has ``count`` items."""
        __tracebackhide__ = True
        actual = find_path(self._decoded(), path)
        where = f"at JSON path {path!r}" if path else "in the JSON body"
        if not isinstance(actual, (list, dict)):
            self._fail(f"Expected {count} items {where} but found {actual!r}, not a list.")
        if len(actual) != count:
            self._fail(f"Expected {count} items {where} but found {len(actual)}.")
        return self

    def assert_json_structure(self, structure: Any) -> Self:
        """The body has these keys: ``["id", "name"]``, ``{"data": {"*": ["id"]}}``."""
        __tracebackhide__ = True
        missing = missing_structure(self._decoded(), structure)
        if missing:
            self._fail(f"The JSON body lacks: {', '.join(missing)}.")
        return self

    def assert_validation_errors(self, fields: str | Iterable[str] | Mapping[str, str]) -> Self:
        """A 422 whose JSON ``errors`` names each field; with a mapping, each field's messages
        include the given text (``{"email": "required"}``)."""
        __tracebackhide__ = True
        errors = self._validation_errors()
        wanted = {fields: None} if isinstance(fields, str) else _as_mapping(fields)
        for field, text in wanted.items():
            messages = errors.get(field)
            if messages is None:
                known = ", ".join(errors) or "(none)"
                self._fail(f"No validation error for {field!r}; the errors are for: {known}.")
            if text is not None and not any(text in str(m) for m in _as_list(messages)):
                self._fail(f"The validation errors of {field!r} do not mention {text!r}.")
        return self

    def assert_no_validation_errors(self, fields: str | Iterable[str] = ()) -> Self:
        """No validation error for these fields (for any field when none are named)."""
        __tracebackhide__ = True
        body = self._decoded()
        errors = body.get("errors", {}) if isinstance(body, dict) else {}
        names = [fields] if isinstance(fields, str) else list(fields)
        found = [name for name in (names or list(errors)) if name in errors]
        if found:
            self._fail(f"Unexpected validation errors for: {', '.join(found)}.")
        return self

    def _validation_errors(self) -> dict[str, Any]:
        __tracebackhide__ = True
        body = self._decoded()
        errors: Any = body.get("errors") if isinstance(body, dict) else None
        if self.status != 422 or not isinstance(errors, dict):
            self._fail(
                "Expected validation errors: status 422 with a JSON body "
                '{"message": ..., "errors": {field: [messages]}}.'
            )
        return errors


def _as_mapping(fields: Iterable[str] | Mapping[str, str]) -> Mapping[str, str | None]:
    if isinstance(fields, Mapping):
        return fields
    return dict.fromkeys(fields)


def _as_list(messages: Any) -> list[Any]:
    return messages if isinstance(messages, list) else [messages]


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=repr).replace("\n", "\n  ")
