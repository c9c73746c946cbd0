"""Path templates: joining prefixes and parsing ``/users/{id:int}/{tab?}`` into tokens."""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from orionis.routing.converters import Converter
from orionis.routing.errors import RoutingError
from orionis.support.suggest import did_you_mean

__all__ = ["Param", "Token", "join_paths", "parse_template"]

_BRACES = re.compile(r"\{([^{}]*)\}")
_IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*"
_PARAM = re.compile(rf"(?P<name>{_IDENTIFIER})(?P<optional>\??)(?::(?P<type>{_IDENTIFIER}))?")


@dataclass(frozen=True, slots=True)
class Param:
    """One ``{name:type}`` placeholder of a path template."""

    name: str
    converter: Converter
    optional: bool = False


Token = str | Param


def join_paths(*parts: str) -> str:
    """Join path parts with single slashes, no trailing slash, ``"/"`` when empty."""
    segments = [segment for part in parts for segment in part.split("/") if segment]
    return "/" + "/".join(segments)


def parse_template(path: str, converters: Mapping[str, Converter], where: str) -> tuple[Token, ...]:
    """Split a normalized path into literal strings and `Param` tokens, validating its rules.

    ``where`` names the route in error messages (its path and file:line).
    """
    tokens: list[Token] = []
    position = 0
    for found in _BRACES.finditer(path):
        _add_literal(tokens, path[position : found.start()], where)
        tokens.append(_parse_param(found.group(1), converters, where))
        position = found.end()
    _add_literal(tokens, path[position:], where)
    _check_params(path, tokens, where)
    return tuple(tokens)


def _add_literal(tokens: list[Token], text: str, where: str) -> None:
    if "{" in text or "}" in text:
        raise RoutingError(
            f"{where} has an unbalanced brace in {text!r}. "
            "Write parameters as {name}, {name:type} or {name?}."
        )
    if text:
        tokens.append(text)


def _parse_param(body: str, converters: Mapping[str, Converter], where: str) -> Param:
    found = _PARAM.fullmatch(body)
    if found is None:
        raise RoutingError(
            f"{where} has a malformed parameter {{{body}}}. "
            "Write {name}, {name:type}, {name?} or {name?:type}; names are Python identifiers."
        )
    type_name = found.group("type")
    if type_name is None:
        type_name = "str"
    converter = converters.get(type_name)
    if converter is None:
        known = ", ".join(sorted(converters))
        raise RoutingError(
            f"{where} uses unknown parameter type {type_name!r} in {{{body}}}. "
            f"Known types: {known}.{did_you_mean(type_name, converters)} "
            "Register new ones with Route.converter(name, pattern, convert)."
        )
    return Param(found.group("name"), converter, found.group("optional") == "?")


def _check_params(path: str, tokens: list[Token], where: str) -> None:
    seen: set[str] = set()
    last = len(tokens) - 1
    for index, token in enumerate(tokens):
        if isinstance(token, str):
            continue
        if token.name in seen:
            raise RoutingError(
                f"{where} repeats parameter {token.name!r}. Give each parameter its own name."
            )
        seen.add(token.name)
        if token.converter.name == "path" and index != last:
            raise RoutingError(
                f"{where}: path parameter {token.name!r} must end the path, because it "
                "matches the rest of it. Move it to the end or use another type."
            )
        if token.optional and (index != last or not _after_slash(tokens, index)):
            raise RoutingError(
                f"{where}: optional parameter {token.name!r} must be the whole last segment, "
                "as in /archive/{year}/{month?}. Move it to the end or make it required."
            )


def _after_slash(tokens: list[Token], index: int) -> bool:
    previous = tokens[index - 1] if index > 0 else ""
    return isinstance(previous, str) and previous.endswith("/")
