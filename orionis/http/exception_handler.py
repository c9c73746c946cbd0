"""Turns any exception into a response, and reports the ones worth reporting."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable
from html import escape
from typing import Any, ClassVar

from orionis.config import Repository
from orionis.config.secrets import SecretMasker
from orionis.http.debug_page import debug_html, debug_json
from orionis.http.exceptions import HttpException
from orionis.http.request import Request
from orionis.http.response import HtmlResponse, JsonResponse, Response
from orionis.http.validation_response import validation_response
from orionis.validation import ValidationError
from orionis.view import ViewFactory

__all__ = ["ExceptionHandler"]

_log = logging.getLogger("orionis")


class ExceptionHandler:
    """The application's handler subclasses this in ``app/exceptions/handler.py``.

    Override ``report(error)`` to send errors somewhere, ``render(request, error)`` to answer
    some of them yourself (return None for the default answer), and list exception classes in
    ``dont_report`` that are expected and need no log entry. Both hooks may be sync or async.
    """

    dont_report: ClassVar[list[type[BaseException]]] = []
    views: ViewFactory | None = None
    """Where error pages come from (set at boot by the web provider)."""
    _never_reported: ClassVar[tuple[type[BaseException], ...]] = (HttpException, ValidationError)

    def __init__(self, config: Repository) -> None:
        self.debug = bool(config.get("app.debug", False))
        self._config = config
        self._masker: SecretMasker | None = None

    def secret_masker(self) -> SecretMasker:
        """What hides the config's and environment's secrets on the debug page (built once)."""
        if self._masker is None:
            self._masker = SecretMasker.from_sources(self._config.all())
        return self._masker

    def use_views(self, views: ViewFactory) -> None:
        """Render HTML error pages from ``resources/views/errors/{status}.html`` when present."""
        self.views = views

    def should_report(self, error: BaseException) -> bool:
        """False for HTTP errors (404, 405…) and for ``dont_report`` classes."""
        return not isinstance(error, (*self._never_reported, *self.dont_report))

    def report(self, error: BaseException) -> Awaitable[None] | None:
        """Log the error with its stack on the ``orionis`` logger."""
        _log.error("Unhandled %s: %s", type(error).__name__, error, exc_info=error)
        return None

    def render(
        self, request: Request, error: BaseException
    ) -> Awaitable[Response | None] | Response | None:
        """Answer ``error`` yourself, or return None for the default response."""
        return None

    async def handle(self, request: Request, error: BaseException) -> Response:
        """Report (once) and render ``error``; a failing hook falls back to the default."""
        if self.should_report(error):
            await self._safely(self.report, error)
        custom = await self._safely(self.render, request, error)
        if isinstance(custom, Response):
            return custom
        return self.default_response(request, error)

    async def report_error(self, error: BaseException) -> None:
        """Report ``error`` when ``should_report`` says so, as ``handle`` does, without
        rendering anything: for failures no response can carry (a WebSocket connection)."""
        if self.should_report(error):
            await self._safely(self.report, error)

    async def _safely(self, hook: Any, *args: Any) -> Any:
        # Hooks may be sync or async; a failure of either kind must not lose the response.
        try:
            result = hook(*args)
            if inspect.isawaitable(result):
                result = await result
            return result
        except Exception:
            _log.exception("The exception handler's %s() failed", hook.__name__)
            return None

    def default_response(self, request: Request, error: BaseException) -> Response:
        """JSON for clients that want JSON, HTML otherwise; details only in debug mode."""
        if isinstance(error, HttpException):
            return self._http_response(request, error)
        if isinstance(error, ValidationError):
            return validation_response(request, error)
        if self.debug:
            masker = self.secret_masker()
            if request.wants_json() or request.expects_json():
                return JsonResponse(debug_json(request, error, masker), status=500)
            return HtmlResponse(debug_html(request, error, masker), status=500)
        if request.wants_json() or request.expects_json():
            return JsonResponse({"message": "Server Error"}, status=500)
        return HtmlResponse(self.error_page(500, "Server Error"), status=500)

    def _http_response(self, request: Request, error: HttpException) -> Response:
        headers = dict(error.headers or {})
        status, detail = error.status_code, str(error.detail)
        if request.wants_json() or request.expects_json():
            return JsonResponse({"message": detail}, status=status, headers=headers)
        return HtmlResponse(self.error_page(status, detail), status=status, headers=headers)

    def error_page(self, status: int, message: str) -> str:
        """The HTML of an error page: ``errors/{status}.html`` if the app has one, else built in.

        The template gets ``status`` and ``message``; if it fails, the built-in page is used.
        """
        views = self.views
        if views is not None and views.exists(f"errors.{status}"):
            try:
                return views.render(f"errors.{status}", {"status": status, "message": message})
            except Exception:
                _log.exception("The error page errors/%s.html failed to render", status)
        return _page(status, message)


def _page(status: int, message: str) -> str:
    text = escape(message)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{status} | {text}</title>"
        "<style>body{font:16px system-ui,sans-serif;display:flex;height:90vh;"
        "align-items:center;justify-content:center;color:#444}</style></head>"
        f"<body><div>{status} | {text}</div></body></html>"
    )
