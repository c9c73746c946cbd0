"""Wires the web layer: the ``cookies``, ``session`` and ``csrf`` middleware, the template
globals, error pages, and a boot-time check that what the routes need is configured."""

from __future__ import annotations

from typing import Any

from orionis.encryption import Encrypter
from orionis.foundation.provider import ServiceProvider
from orionis.http.exception_handler import ExceptionHandler
from orionis.http.middleware.encrypt_cookies import CookieEncrypter, EncryptCookies
from orionis.http.middleware.resolver import MiddlewareResolver
from orionis.http.middleware.start_session import StartSession
from orionis.http.middleware.verify_csrf_token import CsrfGuard, VerifyCsrfToken
from orionis.http.request import Request
from orionis.http.view_globals import install_view_globals
from orionis.routing import Router
from orionis.session import Session
from orionis.view import ViewFactory

__all__ = ["WEB_MIDDLEWARE", "WebServiceProvider"]

WEB_MIDDLEWARE: dict[str, type] = {
    "cookies": EncryptCookies,
    "session": StartSession,
    "csrf": VerifyCsrfToken,
}
"""The framework's middleware aliases; ``config/http.py`` aliases of the same name win."""


def _request_session(request: Request) -> Session:
    return request.session


class WebServiceProvider(ServiceProvider):
    """Registers the web middleware and services; checks and installs the rest at boot."""

    def register(self) -> None:
        app = self.app
        configured = app.config.get("http.middleware_aliases", {}) or {}
        aliases = {name: cls for name, cls in WEB_MIDDLEWARE.items() if name not in configured}
        app.with_middleware(aliases=aliases)
        app.singleton(CookieEncrypter, self._cookie_encrypter)
        app.singleton(CsrfGuard, self._csrf_guard)
        app.scoped(Session, _request_session)
        app.booted(self._prepare)

    def _cookie_encrypter(self, encrypter: Encrypter) -> CookieEncrypter:
        config = self.app.config
        plain = list(config.get("http.encrypt_cookies_except", []))
        if config.get("session.driver") == "cookie":
            plain.append(str(config.get("session.cookie")))  # encrypted by its driver already
        return CookieEncrypter(encrypter, plain)

    def _csrf_guard(self) -> CsrfGuard:
        config = self.app.config
        cookie = {
            "max_age": int(config.get("session.lifetime", 120)) * 60,
            "path": config.get("session.path", "/"),
            "domain": config.get("session.domain"),
            "secure": bool(config.get("session.secure", False)),
            "samesite": config.get("session.same_site", "lax"),
        }
        excluded = list(config.get("http.csrf_except", []))
        return CsrfGuard(excluded, lambda: self.app.make(Encrypter), cookie)

    def _prepare(self) -> None:
        app = self.app
        # Builds now what the routes' middleware needs: a missing APP_KEY stops boot here.
        for cls in self._middleware_in_use():
            for service in getattr(cls, "resolve_at_boot", ()):
                app.make(service)
        views: ViewFactory = app.make(ViewFactory)
        install_view_globals(views, app)
        handler: ExceptionHandler = app.make(ExceptionHandler)
        handler.use_views(views)

    def _middleware_in_use(self) -> set[type]:
        app = self.app
        config = app.config
        groups: dict[str, list[Any]] = dict(config.get("http.middleware_groups", {}))
        groups.update(app.http.groups)
        aliases: dict[str, Any] = dict(config.get("http.middleware_aliases", {}))
        aliases.update(app.http.aliases)
        resolver = MiddlewareResolver(aliases=aliases, groups=groups)
        stacks = [[*app.http.prepend, *config.get("http.middleware", []), *app.http.append]]
        router: Router = app.make(Router)
        fallback = () if router.fallback is None else (router.fallback,)
        stacks.extend(route.middleware for route in (*router.routes, *fallback))
        return {spec.cls for stack in stacks for spec in resolver.resolve(stack)}
