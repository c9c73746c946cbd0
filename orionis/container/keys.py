"""Keys the container makes up for itself, and how any key is named in messages."""

from __future__ import annotations

from typing import Any, NamedTuple, get_args, get_origin

__all__ = ["CallKey", "ConfigKey", "ContextualKey", "ParamsKey", "TagKey", "describe"]


# Each key carries a marker field: NamedTuples compare as plain tuples, so without it
# TagKey("x") would equal ConfigKey("x").
class TagKey(NamedTuple):
    """The list of everything tagged ``tag``."""

    tag: str
    marker: str = "tag"


class ConfigKey(NamedTuple):
    """One configuration value, read through ``make("config").get(key)``."""

    key: str
    marker: str = "config"


class ContextualKey(NamedTuple):
    """A factory given to ``consumer`` for ``need`` by ``when().needs().give()``."""

    consumer: Any
    need: Any
    marker: str = "contextual"


class CallKey(NamedTuple):
    """The call plan of ``target`` when the caller passes ``provided`` by name.

    ``bound`` plans are for methods: the caller passes the instance as the first argument.
    """

    target: Any
    provided: tuple[str, ...]
    bound: bool = False
    marker: str = "call"


class ParamsKey(NamedTuple):
    """How ``make(abstract, **params)`` builds ``abstract`` when ``provided`` are passed."""

    abstract: Any
    provided: tuple[str, ...]
    marker: str = "params"


def describe(key: Any) -> str:
    """The name a message uses for ``key``: ``Mailer``, ``'mailer'``, ``tagged('reports')``."""
    if isinstance(key, type):
        return key.__name__
    if isinstance(key, str):
        return repr(key)
    if isinstance(key, TagKey):
        return f"tagged({key.tag!r})"
    if isinstance(key, ConfigKey):
        return f"config({key.key!r})"
    if isinstance(key, ContextualKey):
        return describe(key.need)
    if isinstance(key, CallKey):
        return describe(key.target)
    if isinstance(key, ParamsKey):
        return describe(key.abstract)
    if isinstance(get_origin(key), type):  # list[Clock], dict[str, Clock]
        return f"{describe(get_origin(key))}[{', '.join(describe(a) for a in get_args(key))}]"
    if get_origin(key) is not None:
        return repr(key).replace("typing.", "")
    name = getattr(key, "__qualname__", None) or getattr(key, "__name__", None)
    if not isinstance(name, str):
        return repr(key)
    return f"{name.rpartition('<locals>.')[2]}()"  # "UserController.show()", "make_mailer()"
