"""The ``csrf`` middleware: a state-changing request must carry the session's token.

The token comes from the ``_token`` field, the ``X-CSRF-TOKEN`` header, or the
``X-XSRF-TOKEN`` header that JavaScript clients copy from the ``XSRF-TOKEN`` cookie (encrypted
when the ``cookies`` middleware runs, so it is decrypted here). A mismatch answers 419.

Browsers say where a request comes from in ``Sec-Fetch-Site``, a header pages cannot set. A
state-changing request marked ``cross-site`` is refused (419) even with a token that checks
out: a page of another site cannot legitimately hold this session's token. Paths in
``csrf_except`` skip both checks (payment callbacks are cross-site form posts).
"""

from __future__ import annotations

import fnmatch
import hmac
import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from orionis.encryption import Encrypter, EncryptionError
from orionis.http.exceptions import HttpException
from orionis.http.middleware.contract import Next
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.session import Session

__all__ = ["CsrfGuard", "TokenMismatchError", "VerifyCsrfToken"]

_READING = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
XSRF_COOKIE = "XSRF-TOKEN"
_CROSS_SITE = "CSRF check failed: cross-site requests cannot change state here."


class TokenMismatchError(HttpException):
    """419: the request's CSRF token is missing or not the session's (an expired page)."""

    def __init__(self, message: str = "CSRF token mismatch.") -> None:
        super().__init__(419, message)


class CsrfGuard:
    """The CSRF settings, compiled once: excluded paths, the XSRF cookie's attributes."""

    def __init__(
        self,
        excluded: Iterable[str],
        encrypter: Callable[[], Encrypter],
        cookie: dict[str, Any],
    ) -> None:
        patterns = ["/" + p.lstrip("/") for p in excluded]
        self._excluded = (
            re.compile("|".join(fnmatch.translate(p) for p in patterns)) if patterns else None
        )
        self._encrypter = encrypter
        self.cookie = cookie

    def excluded(self, path: str) -> bool:
        """True when ``path`` matches the ``csrf_except`` list."""
        return self._excluded is not None and self._excluded.match(path) is not None

    def matches(self, request: Request, session: Session) -> bool:
        """True when the request carries the session's token."""
        expected = session.token()
        for candidate in self._candidates(request):
            if hmac.compare_digest(candidate.encode(), expected.encode()):
                return True
        return False

    def _candidates(self, request: Request) -> list[str]:
        found = [request.input("_token"), request.headers.get("x-csrf-token")]
        xsrf = request.headers.get("x-xsrf-token")
        if xsrf:
            found.extend((xsrf, self._decrypt(xsrf)))
        return [value for value in found if isinstance(value, str) and value]

    def _decrypt(self, value: str) -> str | None:
        try:
            return self._encrypter().decrypt_string(value, context=XSRF_COOKIE)
        except EncryptionError:
            return None


class VerifyCsrfToken:
    """Middleware alias ``csrf``; needs the ``session`` middleware before it.

    HTTP only (``http_only``): it is skipped on WebSocket routes. A handshake carries no token
    a page could add, and cross-site WebSocket hijacking (a page elsewhere opening a socket
    with the user's cookies) is stopped by the origin check every WebSocket connection passes
    first (``websockets.allowed_origins`` in config/websockets.py).
    """

    resolve_at_boot: ClassVar[tuple[Any, ...]] = (CsrfGuard,)
    http_only: ClassVar[bool] = True

    def __init__(self, guard: CsrfGuard) -> None:
        self.guard = guard

    async def handle(self, request: Request, next: Next) -> Response:
        """Refuse a cross-site or tokenless POST/PUT/PATCH/DELETE; send ``XSRF-TOKEN``."""
        session = request.session
        guard = self.guard
        if request.method not in _READING and not guard.excluded(request.path):
            if request.headers.get("sec-fetch-site") == "cross-site":
                raise TokenMismatchError(_CROSS_SITE)
            if not guard.matches(request, session):
                raise TokenMismatchError()
        response = await next(request)
        response.set_cookie(XSRF_COOKIE, session.token(), httponly=False, **guard.cookie)
        return response
