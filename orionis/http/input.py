"""The request's sync input family: ``input``, ``all``, ``only``, ``except_``, ``has``, ``filled``.

Input is the query string, then the form fields, then the JSON body, merged in that order
(later wins). Dot paths reach into nested JSON: ``input("user.address.city")``,
``input("items.0.id")``; a key that literally contains dots is found first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orionis.http.multi_dict import MultiDict
from orionis.http.uploaded_file import UploadedFile

__all__ = ["InteractsWithInput", "data_get", "merge_input"]

_MISSING: Any = object()
_TRUE = frozenset({"1", "true", "on", "yes"})


def data_get(data: Any, path: str, default: Any = None) -> Any:
    """The value at dot ``path`` in nested dicts and lists, or ``default``."""
    if isinstance(data, Mapping) and path in data:
        return data[path]
    current = data
    for segment in path.split("."):
        if isinstance(current, Mapping) and segment in current:
            current = current[segment]
        elif isinstance(current, list) and segment.isdigit() and int(segment) < len(current):
            current = current[int(segment)]
        else:
            return default
    return current


def merge_input(query: MultiDict[str], form: MultiDict[Any] | None, json: Any) -> dict[str, Any]:
    """Query, then form fields (files left out), then the JSON body; later sources win."""
    merged: dict[str, Any] = query.to_dict()
    if form is not None:
        merged.update((k, v) for k, v in form.items() if not isinstance(v, UploadedFile))
    if isinstance(json, Mapping):
        merged.update(json)
    elif isinstance(json, list):
        merged.update((str(index), value) for index, value in enumerate(json))
    return merged


def _set(target: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for segment in parents:
        child = target.get(segment)
        if not isinstance(child, dict):
            child = target[segment] = {}
        target = child
    target[last] = value


def _forget(data: Any, segments: list[str]) -> None:
    """Remove the path from ``data``, copying each container on the way so the source stays."""
    head, rest = segments[0], segments[1:]
    if isinstance(data, dict):
        if not rest:
            data.pop(head, None)
        elif isinstance(data.get(head), (dict, list)):
            data[head] = child = _copy(data[head])
            _forget(child, rest)
    elif isinstance(data, list) and head.isdigit() and int(head) < len(data):
        index = int(head)
        if not rest:
            del data[index]
        elif isinstance(data[index], (dict, list)):
            data[index] = child = _copy(data[index])
            _forget(child, rest)


def _copy(value: dict[str, Any] | list[Any]) -> dict[str, Any] | list[Any]:
    return dict(value) if isinstance(value, dict) else list(value)


def _is_filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, UploadedFile):
        return value.size > 0 or value.client_filename != ""
    if isinstance(value, (list, dict, tuple)):
        return len(value) > 0
    return True


class InteractsWithInput:
    """Mixed into ``Request``; needs ``_input_data()`` and ``_uploaded_files()``."""

    __slots__ = ()

    def _input_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def _uploaded_files(self) -> MultiDict[UploadedFile]:
        raise NotImplementedError

    def input(self, key: str | None = None, default: Any = None) -> Any:
        """One input value by dot path, or every input value (query, form, JSON) as a dict."""
        data = self._input_data()
        if key is None:
            return dict(data)
        return data_get(data, key, default)

    def all(self) -> dict[str, Any]:
        """Every input value plus the uploaded files."""
        return {**self._input_data(), **self._uploaded_files().to_dict()}

    def only(self, *keys: str) -> dict[str, Any]:
        """The given keys that are present, nested again for dot paths."""
        data = self.all()
        result: dict[str, Any] = {}
        for key in keys:
            value = data_get(data, key, _MISSING)
            if value is not _MISSING:
                _set(result, key, value)
        return result

    def except_(self, *keys: str) -> dict[str, Any]:
        """Everything but the given keys (dot paths remove nested values)."""
        data = self.all()
        for key in keys:
            if key in data:
                del data[key]
            else:
                _forget(data, key.split("."))
        return data

    def has(self, *keys: str) -> bool:
        """True when every key is present (even if empty)."""
        data = self.all()
        return all(data_get(data, key, _MISSING) is not _MISSING for key in keys)

    def filled(self, *keys: str) -> bool:
        """True when every key is present and not empty, whitespace, None or an empty list."""
        data = self.all()
        return all(_is_filled(data_get(data, key)) for key in keys)

    def boolean(self, key: str, default: bool = False) -> bool:
        """``"1"``, ``"true"``, ``"on"``, ``"yes"`` and ``True`` are true; absent is ``default``."""
        value = data_get(self._input_data(), key, _MISSING)
        if value is _MISSING or value is None:
            return default
        if isinstance(value, str):
            return value.strip().lower() in _TRUE
        return bool(value)

    @property
    def files(self) -> MultiDict[UploadedFile]:
        """Every uploaded file by field name."""
        return self._uploaded_files()

    def file(self, name: str) -> UploadedFile | None:
        """The uploaded file of field ``name`` (the last one if repeated), or None."""
        return self._uploaded_files().get(name)
