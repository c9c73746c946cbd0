"""Registers the ``trust_hosts`` and ``trust_proxies`` middleware and the settings they read
from config/http.py (``trusted_hosts``, ``trusted_proxies``, ``trusted_headers``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from orionis.foundation.provider import ServiceProvider
from orionis.http.hosts import TrustedHosts
from orionis.http.middleware.trust_hosts import TrustHosts
from orionis.http.middleware.trust_proxies import TrustProxies
from orionis.http.proxies import DEFAULT_FORWARDED_HEADERS, TrustedProxies

__all__ = ["TRUST_MIDDLEWARE", "TrustServiceProvider"]

TRUST_MIDDLEWARE: dict[str, type] = {"trust_hosts": TrustHosts, "trust_proxies": TrustProxies}
"""The framework's aliases for them; ``config/http.py`` aliases of the same name win."""


class TrustServiceProvider(ServiceProvider):
    """Binds `TrustedHosts` and `TrustedProxies` as singletons built from the configuration."""

    def register(self) -> None:
        app = self.app
        configured = app.config.get("http.middleware_aliases", {}) or {}
        aliases = {name: cls for name, cls in TRUST_MIDDLEWARE.items() if name not in configured}
        # With no trusted proxy the middleware can only return at once: decided here, at boot,
        # it leaves the global stack instead of costing a link on every request (~0.7 µs).
        untrusting = not app.config.get("http.trusted_proxies", [])
        app.with_middleware(aliases=aliases, remove=[TrustProxies] if untrusting else [])
        app.singleton(TrustedHosts, self._hosts)
        app.singleton(TrustedProxies, self._proxies)

    def boot(self) -> None:
        # Built now, used or not: a malformed entry in config/http.py stops boot, not a request.
        self.app.make(TrustedHosts)
        self.app.make(TrustedProxies)

    def _hosts(self) -> TrustedHosts:
        config = self.app.config
        patterns = list(config.get("http.trusted_hosts", []))
        if not patterns and self.app.is_production():
            # Production answers to APP_URL's host unless told otherwise.
            app_host = urlsplit(str(config.get("app.url", ""))).hostname or ""
            patterns = [f"[{app_host}]" if ":" in app_host else app_host] if app_host else []
            return TrustedHosts(patterns, source="config/app.py 'url' (APP_URL)")
        return TrustedHosts(patterns)

    def _proxies(self) -> TrustedProxies:
        config = self.app.config
        proxies = list(config.get("http.trusted_proxies", []))
        headers = list(config.get("http.trusted_headers", DEFAULT_FORWARDED_HEADERS))
        return TrustedProxies(proxies, headers)
