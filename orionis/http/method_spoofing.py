"""HTML forms can only send GET and POST: a POST form with ``_method=PUT`` is routed as PUT."""

from __future__ import annotations

from typing import Final

from orionis.http.request import Request

__all__ = ["SPOOFABLE", "spoof_method"]

SPOOFABLE: Final = frozenset({"PUT", "PATCH", "DELETE"})
_FORM_TYPES: Final = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


async def spoof_method(request: Request) -> None:
    """Take the method from a POST form's ``_method`` field (PUT, PATCH or DELETE only)."""
    if request.method != "POST" or request.content_type not in _FORM_TYPES:
        return
    value = (await request.form()).get("_method")
    if isinstance(value, str) and value.upper() in SPOOFABLE:
        request.method = value.upper()
