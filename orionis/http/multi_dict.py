"""A read-only mapping whose keys may repeat: query strings and form bodies."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar, overload

__all__ = ["MultiDict", "QueryParams"]

_V = TypeVar("_V")
_D = TypeVar("_D")


class MultiDict(Mapping[str, _V]):
    """``?tag=a&tag=b``: ``get("tag")`` is the last value ("b"), ``get_all("tag")`` is all of them.

    Last-wins matches how PHP and Laravel read repeated keys; use ``get_all`` for lists.
    """

    __slots__ = ("_items", "_lists")

    def __init__(self, items: Iterable[tuple[str, _V]] = ()) -> None:
        self._items = list(items)
        lists: dict[str, list[_V]] = {}
        for key, value in self._items:
            lists.setdefault(key, []).append(value)
        self._lists = lists

    def __getitem__(self, key: str) -> _V:
        return self._lists[key][-1]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)

    def __contains__(self, key: object) -> bool:
        return key in self._lists

    @overload
    def get(self, key: str) -> _V | None: ...
    @overload
    def get(self, key: str, default: _D) -> _V | _D: ...
    def get(self, key: str, default: object = None) -> object:
        """The last value of ``key``, or ``default``."""
        values = self._lists.get(key)
        return values[-1] if values else default

    def get_all(self, key: str) -> list[_V]:
        """Every value of ``key`` in order (empty list when absent)."""
        return list(self._lists.get(key, ()))

    getlist = get_all

    def multi_items(self) -> list[tuple[str, _V]]:
        """Every ``(key, value)`` pair in order, repeats included."""
        return list(self._items)

    def to_dict(self) -> dict[str, _V]:
        """A plain dict of the last value of each key."""
        return {key: values[-1] for key, values in self._lists.items()}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MultiDict):
            return self._items == other._items
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._items!r})"


class QueryParams(MultiDict[str]):
    """The parsed query string of a request."""

    __slots__ = ()
