"""How a ``ValidationError`` is answered: 422 JSON, or back to the form with errors and input."""

from __future__ import annotations

from typing import Any

from orionis.http.request import Request
from orionis.http.response import JsonResponse, RedirectResponse, Response
from orionis.http.safe_redirect import is_local_url
from orionis.validation import ValidationError

__all__ = ["DONT_FLASH", "validation_response"]

DONT_FLASH = frozenset({"password", "password_confirmation", "current_password", "_token"})
"""Input never kept for ``old()``."""


def validation_response(request: Request, error: ValidationError) -> Response:
    """JSON clients (and requests without a session) get 422; HTML forms are sent back."""
    if request.wants_json() or request.expects_json() or not request.has_session():
        return JsonResponse({"message": str(error), "errors": error.errors}, status=422)
    session = request.session
    session.flash("errors", error.errors)
    session.flash_input(_flashable(request.all()))
    return RedirectResponse(error.redirect_to or _back(request, session.previous_url()))


def _flashable(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in DONT_FLASH}


def _back(request: Request, previous: str | None) -> str:
    # The page the form was on: the session's last page, else a same-site Referer, else "/".
    for url in (previous, request.headers.get("referer")):
        if url and is_local_url(url, request.http_host):
            return url
    return "/"
