"""Case-insensitive, multi-valued HTTP headers, built lazily from what the server gives."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Protocol, TypeVar, cast, overload

from orionis.http.exceptions import InvalidHeaderError

__all__ = ["HeaderSource", "Headers", "RawHeaders", "raw_lookup"]

_D = TypeVar("_D")


class HeaderSource(Protocol):
    """A server's mapping-like headers with lowercase names (RSGI's ``scope.headers``)."""

    def items(self) -> Iterable[tuple[str, str]]: ...

    def get(self, key: str, default: None = None) -> str | None: ...


RawHeaders = Sequence[tuple[bytes, bytes]] | Sequence[tuple[str, str]] | HeaderSource


def _decode(source: RawHeaders) -> list[tuple[str, str]]:
    if isinstance(source, (list, tuple)):
        if source and isinstance(source[0][0], bytes):
            return [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in source]
        return [(k.lower(), v) for k, v in source]
    return [(k.lower(), v) for k, v in cast(HeaderSource, source).items()]


def raw_lookup(source: RawHeaders, name: str) -> str | None:
    """The first value of lowercase ``name`` read straight from a server's raw headers.

    Lets a request answer one header (Content-Type on every request) without decoding all.
    """
    if isinstance(source, (list, tuple)):
        encoded = name.encode("latin-1")
        for item_name, value in source:
            if item_name == encoded or (isinstance(item_name, str) and item_name.lower() == name):
                return value.decode("latin-1") if isinstance(value, bytes) else value
        return None
    found: str | None = cast(HeaderSource, source).get(name)
    return found


# RFC 9110 token characters: what a header name may be made of.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# Names already found valid, with their lowercase form: apps set the same few names over and
# over, and a dict lookup is a third of the regex's cost (measured).
_NAME_CACHE_LIMIT = 256
_valid_names: dict[str, str] = {}


def _checked(name: str, value: str) -> tuple[str, str]:
    # Values set by application code are checked here, once, as they are set: a CR or LF would
    # let a value start a header (or a body) of its own, and servers refuse or cut at a NUL.
    lowered = _valid_names.get(name)
    if lowered is None:
        lowered = _checked_name(name, value)
    if "\r" in value or "\n" in value or "\0" in value:
        raise InvalidHeaderError(
            f"Header {name!r} cannot be sent: its value {value!r} contains line breaks (CR, "
            "LF) or NUL characters, which could inject headers into the response. Remove them, "
            "or percent-encode the value if it comes from user input."
        )
    return lowered, value


def _checked_name(name: str, value: str) -> str:
    if not _TOKEN.fullmatch(name):
        raise InvalidHeaderError(
            f"Header {name!r}: {value!r} cannot be sent: a header name is a non-empty token of "
            "letters, digits and !#$%&'*+-.^_`|~ (no spaces, colons, line breaks or NUL)."
        )
    if len(_valid_names) >= _NAME_CACHE_LIMIT:
        _valid_names.clear()
    lowered = _valid_names[name] = name.lower()
    return lowered


class Headers:
    """HTTP headers: ``headers.get("Accept")``, ``headers.get_all("Set-Cookie")``, ``"x" in h``.

    Names are compared case-insensitively and stored lowercase. ``headers[name] = value``
    replaces every value of ``name``; ``add`` appends one more. ``get`` returns the first value.
    """

    __slots__ = ("_items", "_lookup", "_source")

    def __init__(
        self, headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None
    ) -> None:
        pairs = headers.items() if isinstance(headers, Mapping) else headers or ()
        self._items: list[tuple[str, str]] | None = [_checked(k, v) for k, v in pairs]
        self._source: RawHeaders | None = None
        self._lookup: Callable[[str], str | None] | None = None

    @classmethod
    def from_raw(cls, source: RawHeaders) -> Headers:
        """Wrap a server's raw headers without decoding them until they are read."""
        headers = cls.__new__(cls)
        headers._items = None
        headers._source = source
        headers._lookup = (
            None if isinstance(source, (list, tuple)) else cast(HeaderSource, source).get
        )
        return headers

    @classmethod
    def wrap(cls, items: list[tuple[str, str]]) -> Headers:
        """Share ``items`` (lowercase names): changes through this object go into that list."""
        headers = cls.__new__(cls)
        headers._items = items
        headers._source = None
        headers._lookup = None
        return headers

    @property
    def raw(self) -> list[tuple[str, str]]:
        """Every ``(lowercase name, value)`` pair, in order; the list itself, not a copy."""
        items = self._items
        if items is None:
            assert self._source is not None
            items = self._items = _decode(self._source)
            self._source = self._lookup = None
        return items

    @overload
    def get(self, name: str) -> str | None: ...
    @overload
    def get(self, name: str, default: _D) -> str | _D: ...
    def get(self, name: str, default: object = None) -> object:
        """The first value of ``name``, or ``default``."""
        key = name.lower()
        if self._lookup is not None:
            found = self._lookup(key)
            return default if found is None else found
        for item_name, value in self.raw:
            if item_name == key:
                return value
        return default

    def get_all(self, name: str) -> list[str]:
        """Every value of ``name``, in the order received (empty list when absent)."""
        key = name.lower()
        return [value for item_name, value in self.raw if item_name == key]

    getlist = get_all

    def add(self, name: str, value: str) -> None:
        """Append one more value for ``name`` (``Set-Cookie``, ``Vary``...)."""
        self.raw.append(_checked(name, value))

    def setdefault(self, name: str, value: str) -> str:
        """Set ``name`` only when absent; return its (first) value."""
        current = self.get(name)
        if current is None:
            self.add(name, value)
            return value
        return current

    def items(self) -> list[tuple[str, str]]:
        """Every ``(name, value)`` pair (a copy; repeated names appear once per value)."""
        return list(self.raw)

    def keys(self) -> list[str]:
        """Distinct header names, lowercase, in first-seen order."""
        return list(dict.fromkeys(name for name, _ in self.raw))

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __setitem__(self, name: str, value: str) -> None:
        pair = _checked(name, value)
        items = self.raw
        items[:] = [item for item in items if item[0] != pair[0]]
        items.append(pair)

    def __delitem__(self, name: str) -> None:
        key = name.lower()
        items = self.raw
        kept = [item for item in items if item[0] != key]
        if len(kept) == len(items):
            raise KeyError(name)
        items[:] = kept

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.raw)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Headers):
            return NotImplemented
        return sorted(self.raw) == sorted(other.raw)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Headers({self.raw!r})"
