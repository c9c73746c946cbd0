"""``redirect()``: responses that send the client elsewhere, by URL, route name or back."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from orionis.foundation.application import Application
from orionis.http.request import Request
from orionis.http.response import RedirectResponse
from orionis.routing import UrlGenerator

__all__ = ["Redirector", "redirect"]


class Redirector:
    """Builds redirect responses; ``redirect()`` returns one."""

    def __init__(self, app: Application) -> None:
        self._app = app

    def to(self, url: str, status: int = 302) -> RedirectResponse:
        """Redirect to ``url``."""
        return RedirectResponse(url, status=status)

    def route(self, name: str, status: int = 302, **params: Any) -> RedirectResponse:
        """Redirect to the named route, its parameters filled from ``params``."""
        return RedirectResponse(self._app.make(UrlGenerator).route(name, **params), status=status)

    def back(self, fallback: str = "/", status: int = 302) -> RedirectResponse:
        """Redirect to the page the request came from, else to ``fallback``.

        Only an absolute http(s) Referer on this application's own host is followed: another
        site's, or a relative one a browser may read as another site's (``/\\evil``,
        ``https:evil``), would turn the route into an open redirect.
        """
        request = self._app.make(Request)
        referer = request.headers.get("referer")
        if referer and _same_site(referer, request.http_host):
            return RedirectResponse(referer, status=status)
        return RedirectResponse(fallback, status=status)


def _same_site(url: str, host: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.netloc == host


def redirect(url: str | None = None, status: int = 302) -> Any:
    """``redirect("/home")`` answers at once; ``redirect().route("users.show", id=1)`` too."""
    redirector = Redirector(Application.get_instance())
    if url is not None:
        return redirector.to(url, status)
    return redirector
