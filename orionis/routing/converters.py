"""Parameter types: the regex a path parameter matches and how its text becomes a value."""

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from orionis.routing.errors import RoutingError

__all__ = ["DEFAULT_CONVERTERS", "Converter", "check_pattern"]


@dataclass(frozen=True, slots=True)
class Converter:
    """A parameter type: ``pattern`` matches the raw text, ``convert`` turns it into the value.

    ``convert`` is ``None`` when the text is the value already (no call per match). A
    ``convert`` that raises ``ValueError`` makes the route not match that path.
    """

    name: str
    pattern: str
    convert: Callable[[str], Any] | None = None


_UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

# `[0-9]`, not `\d`: `\d` also matches non-ASCII digits, which no URL means as a number.
DEFAULT_CONVERTERS: Mapping[str, Converter] = MappingProxyType(
    {
        "str": Converter("str", "[^/]+"),
        "int": Converter("int", "-?[0-9]+", int),
        "float": Converter("float", r"-?[0-9]+(?:\.[0-9]+)?", float),
        "slug": Converter("slug", "[A-Za-z0-9_-]+"),
        "uuid": Converter("uuid", _UUID, uuid.UUID),
        "path": Converter("path", ".+"),
    }
)


def check_pattern(pattern: str, where: str) -> None:
    """Raise when ``pattern`` is not a regex that can sit inside a route's combined regex."""
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise RoutingError(
            f"{where}: {pattern!r} is not a valid regular expression ({error}). Fix the pattern."
        ) from None
    if compiled.groupindex:
        raise RoutingError(
            f"{where}: {pattern!r} contains a named group, which routes reserve for parameters. "
            "Use (?:...) to group."
        )
