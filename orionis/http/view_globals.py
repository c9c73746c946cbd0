"""Template globals of the web layer: ``route()``, ``url()``, ``asset()``, ``config()``,
``csrf_token()``, ``csrf_field()``, ``method_field()``, ``old()``, ``session()`` and ``errors``.

They read the current request through the container's request scope, so one Jinja2
environment serves every request.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from orionis.foundation.application import Application
from orionis.http.request import Request
from orionis.routing import UrlGenerator
from orionis.session import Session
from orionis.support.errors import OrionisError
from orionis.validation import MessageBag
from orionis.view import View, ViewFactory

__all__ = ["ViewGlobals", "install_view_globals"]


class ViewGlobals:
    """The functions templates call; one instance per application."""

    def __init__(self, app: Application) -> None:
        self.app = app
        self.base_url = str(app.config.get("app.url", "")).rstrip("/")
        self.asset_url = str(app.config.get("view.asset_url", "/static")).rstrip("/")

    def request(self) -> Request | None:
        """The request being handled, or None outside a request."""
        try:
            request: Request = self.app.make(Request)
        except OrionisError:
            return None
        return request

    def session(self) -> Session | None:
        """The current request's session, or None (no request, or not a web route)."""
        request = self.request()
        return request.session if request is not None and request.has_session() else None

    def route(self, name: str, parameters: dict[str, Any] | None = None, /, **params: Any) -> str:
        """The URL path of the named route (``absolute=True`` for a full URL)."""
        generator: UrlGenerator = self.app.make(UrlGenerator)
        return generator.route(name, parameters, **params)

    def url(self, path: str = "") -> str:
        """An absolute URL on this site (the request's host, else APP_URL)."""
        request = self.request()
        base = f"{request.scheme}://{request.http_host}" if request is not None else self.base_url
        return f"{base}/{path.lstrip('/')}"

    def asset(self, path: str) -> str:
        """The URL of a public file (``view.asset_url``, ``/static`` by default)."""
        return f"{self.asset_url}/{path.lstrip('/')}"

    def config(self, key: str, default: Any = None) -> Any:
        """A configuration value by dot path."""
        return self.app.config.get(key, default)

    def csrf_token(self) -> str:
        """The session's CSRF token; only routes with a session have one."""
        session = self.session()
        if session is None:
            raise OrionisError(
                "csrf_token() needs a session, and this page has none: render forms from "
                "routes in routes/web.py (the `web` group with the `session` middleware)."
            )
        return session.token()

    def csrf_field(self) -> Markup:
        """``<input type="hidden" name="_token" value="...">`` for a form."""
        # An f-string of the escaped token: Markup.format goes through string.Formatter, which
        # took a tenth of a small page's render (measured).
        return Markup(f'<input type="hidden" name="_token" value="{escape(self.csrf_token())}">')

    def method_field(self, method: str) -> Markup:
        """``<input type="hidden" name="_method" value="PUT">`` for PUT/PATCH/DELETE forms."""
        return Markup('<input type="hidden" name="_method" value="{}">').format(
            escape(method.upper())
        )

    def old(self, key: str, default: Any = "") -> Any:
        """The value the field had when the form was sent back with errors."""
        session = self.session()
        return default if session is None else session.old(key, default)

    def session_value(self, key: str | None = None, default: Any = None) -> Any:
        """``session("status")``: a session value; without a key, the session (or None)."""
        session = self.session()
        if key is None:
            return session
        return default if session is None else session.get(key, default)

    def errors(self) -> MessageBag:
        """The validation errors flashed by the previous request."""
        session = self.session()
        flashed = session.get("errors") if session is not None else None
        return MessageBag(flashed if isinstance(flashed, dict) else None)

    def compose(self, view: View) -> None:
        """Give every view ``errors`` unless its data sets it."""
        if "errors" not in view.data:
            view.data["errors"] = self.errors()


def install_view_globals(factory: ViewFactory, app: Application) -> ViewGlobals:
    """Add the web globals to ``factory``'s templates."""
    helpers = ViewGlobals(app)
    for name in ("route", "url", "asset", "config", "csrf_token", "csrf_field", "method_field"):
        factory.share(name, getattr(helpers, name))
    factory.share("old", helpers.old)
    factory.share("session", helpers.session_value)
    factory.share("errors", MessageBag())
    factory.composer("*", helpers.compose)
    return helpers
