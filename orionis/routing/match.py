"""`Match`: what `Router.match` returns."""

from dataclasses import dataclass
from typing import Any

from orionis.routing.compiler import CompiledRoute

__all__ = ["Match"]


# A slots dataclass, not a NamedTuple: creating one costs about half as much, once per request.
@dataclass(slots=True)
class Match:
    """The matched route and its converted path parameters (plus its defaults), by name."""

    route: CompiledRoute
    params: dict[str, Any]
