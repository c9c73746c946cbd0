"""``redirect()``: responses that send the client elsewhere, by URL, route name or back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orionis.foundation.application import Application
from orionis.http.request import Request
from orionis.http.response import RedirectResponse
from orionis.http.safe_redirect import is_local_url
from orionis.routing import UrlGenerator

__all__ = ["INTENDED_URL", "Redirector", "redirect"]

INTENDED_URL = "url.intended"
"""The session key ``guest()`` stores the page in and ``intended()`` takes it from."""


class Redirector:
    """Builds redirect responses; ``redirect()`` returns one.

    ``to()``, ``away()`` and ``route()`` go where the application says, another site included.
    ``back()`` and ``intended()`` go to URLs that came from the client (Referer, the session),
    so they only ever follow one on this application's own host, else their fallback.
    """

    def __init__(self, app: Application) -> None:
        self._app = app

    def to(self, url: str, status: int = 302) -> RedirectResponse:
        """Redirect to ``url`` as given. Never pass user input here (``?next=...``): that is
        an open redirect; use ``back()``/``intended()``, or check it with ``is_local_url``."""
        return RedirectResponse(url, status=status)

    def away(self, url: str, status: int = 302) -> RedirectResponse:
        """Redirect to another site on purpose (``redirect().away("https://pay.example")``)."""
        return RedirectResponse(url, status=status)

    def route(self, name: str, status: int = 302, **params: Any) -> RedirectResponse:
        """Redirect to the named route, its parameters filled from ``params``."""
        return RedirectResponse(self._app.make(UrlGenerator).route(name, **params), status=status)

    def back(self, fallback: str = "/", status: int = 302) -> RedirectResponse:
        """Redirect to the page the request came from (its Referer, else the session's previous
        page), else to ``fallback``.

        Both are client input: only a URL on this application's host, or a path on it, is
        followed; ``//evil.example``, ``/\\evil.example``, ``https:evil.example``,
        ``javascript:``, encoded and whitespace variants fall back.
        """
        request = self._app.make(Request)
        session = request.session if request.has_session() else None
        previous = session.previous_url() if session is not None else None
        target = _first_local((request.headers.get("referer"), previous), request.http_host)
        return RedirectResponse(target or fallback, status=status)

    def intended(self, default: str = "/", status: int = 302) -> RedirectResponse:
        """Redirect to the page ``guest()`` remembered (taken out of the session), else to
        ``default``; a remembered URL on another host is never followed."""
        request = self._app.make(Request)
        stored = request.session.pull(INTENDED_URL) if request.has_session() else None
        candidate = stored if isinstance(stored, str) else None
        target = _first_local((candidate,), request.http_host)
        return RedirectResponse(target or default, status=status)

    def guest(self, path: str, status: int = 302) -> RedirectResponse:
        """Remember the current page (a GET; else the previous one) for ``intended()``, then
        redirect to ``path`` (a login page, typically). Needs the ``session`` middleware."""
        request = self._app.make(Request)
        session = request.session
        page = request.url if request.method == "GET" else session.previous_url()
        if page is not None:
            session.put(INTENDED_URL, page)
        return RedirectResponse(path, status=status)


def _first_local(candidates: Iterable[str | None], host: str) -> str | None:
    return next((url for url in candidates if url and is_local_url(url, host)), None)


def redirect(url: str | None = None, status: int = 302) -> Any:
    """``redirect("/home")`` answers at once; ``redirect().route("users.show", id=1)`` too."""
    redirector = Redirector(Application.get_instance())
    if url is not None:
        return redirector.to(url, status)
    return redirector
