"""The hand-written routing and handlers both raw baselines share (raw_rsgi.py, raw_asgi.py).

What a framework would do, written out by hand for these routes only: a dict for static paths,
a small trie (one dict per segment) for paths with parameters, and the /di graph built by hand.
Each handler returns ``(status, content type, body)``; the raw apps only translate that to
their protocol, with header lists built once at import. The routes mirror bench/project:
25 static and 25 parametrised fillers, then the four scenarios.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

__all__ = ["CONTENT_TYPES", "NOT_FOUND", "Result", "route"]

_TEXT, _JSON = 0, 1
CONTENT_TYPES = ("text/plain; charset=utf-8", "application/json")
"""Indexed by the second item of a `Result`."""

Result = tuple[int, int, bytes]
Handler = Callable[..., Result]

NOT_FOUND: Result = (404, _TEXT, b"Not Found")
_PARAM = "{}"  # the trie's key for "any segment"


class Greeter:
    """The singleton of /di: built once, at import."""

    def greeting(self) -> str:
        return "Hello, World!"


class RequestService:
    """The per-request service of /di."""

    def __init__(self, greeter: Greeter) -> None:
        self.greeter = greeter

    def message(self) -> str:
        return self.greeter.greeting()


class DiController:
    """The /di controller, constructor-injected by hand."""

    def __init__(self, service: RequestService) -> None:
        self.service = service

    def show(self) -> dict[str, str]:
        return {"message": self.service.message()}


_GREETER = Greeter()


def plaintext() -> Result:
    return 200, _TEXT, b"Hello, World!"


def json() -> Result:
    return 200, _JSON, orjson.dumps({"message": "Hello, World!"})


def user(raw_id: str) -> Result:
    try:
        return 200, _JSON, orjson.dumps({"id": int(raw_id)})
    except ValueError:
        return NOT_FOUND


def di() -> Result:
    controller = DiController(RequestService(_GREETER))
    return 200, _JSON, orjson.dumps(controller.show())


def _static_filler() -> Result:
    return 200, _JSON, b"{}"


def _section_filler(raw_id: str, slug: str) -> Result:
    try:
        return 200, _JSON, orjson.dumps({"id": int(raw_id), "slug": slug})
    except ValueError:
        return NOT_FOUND


def _tables() -> tuple[dict[str, Handler], dict[str, Any]]:
    static: dict[str, Handler] = {f"/static{i}/page": _static_filler for i in range(25)}
    static.update({"/plaintext": plaintext, "/json": json, "/di": di})
    trie: dict[str, Any] = {
        f"section{i}": {_PARAM: {"items": {_PARAM: _section_filler}}} for i in range(25)
    }
    trie["users"] = {_PARAM: user}
    return static, trie


_STATIC, _TRIE = _tables()


def route(path: str) -> Result:
    """The response to ``GET path``."""
    handler = _STATIC.get(path)
    if handler is not None:
        return handler()
    node: Any = _TRIE
    params: list[str] = []
    for segment in path[1:].split("/"):
        if not isinstance(node, dict):
            return NOT_FOUND
        found = node.get(segment)
        if found is None:
            found = node.get(_PARAM)
            if found is None or not segment:
                return NOT_FOUND
            params.append(segment)
        node = found
    return node(*params) if callable(node) else NOT_FOUND
