"""The baseline: a raw RSGI app on the same Granian (``granian --interface rsgi raw_rsgi:app``).

Every ratio in the benchmark is relative to this app, measured in the same run.
"""

from __future__ import annotations

from typing import Any

from raw_routes import CONTENT_TYPES, NOT_FOUND, route

__all__ = ["app"]

_HEADERS = [[("content-type", content_type)] for content_type in CONTENT_TYPES]


async def app(scope: Any, proto: Any) -> None:
    """Answer one RSGI HTTP call with the protocol's native bytes response."""
    status, kind, body = route(scope.path) if scope.method == "GET" else NOT_FOUND
    proto.response_bytes(status, _HEADERS[kind], body)
