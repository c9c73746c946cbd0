"""The framework's config sections: their keys, types and defaults, as frozen dataclasses.

Adding a section is one dataclass here and one entry in ``SECTIONS``. A field's type is
checked at boot (see ``orionis.config.schema``); ``Literal[...]`` lists allowed values.
Field metadata: ``hint`` is added to a wrong-value message; ``merge=True`` on a dict field
keeps the default's keys the app's dict leaves out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

__all__ = [
    "SECTIONS",
    "AppConfig",
    "BroadcastingConfig",
    "CacheConfig",
    "HttpConfig",
    "LoggingConfig",
    "SessionConfig",
    "ViewConfig",
    "WebSocketsConfig",
]

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


@dataclass(frozen=True)
class AppConfig:
    """``config/app.py``: the application's identity, environment, providers and lifespan."""

    name: str = field(default="Orionis", metadata={"hint": "Set APP_NAME in .env."})
    env: str = field(default="production", metadata={"hint": "Set APP_ENV in .env."})
    debug: bool = field(default=False, metadata={"hint": "Set APP_DEBUG to true or false."})
    url: str = field(default="http://127.0.0.1:8000", metadata={"hint": "Set APP_URL in .env."})
    key: str = field(default="", metadata={"hint": "Set APP_KEY in .env."})
    previous_keys: list[str] = field(default_factory=list)
    timezone: str = field(default="UTC", metadata={"hint": "Set APP_TIMEZONE in .env."})
    locale: str = field(default="en", metadata={"hint": "Set APP_LOCALE in .env."})
    providers: list[type] = field(default_factory=list)
    startup: list[Callable[..., Any]] = field(default_factory=list)
    shutdown: list[Callable[..., Any]] = field(default_factory=list)


ForwardedHeader = Literal[
    "x-forwarded-for", "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto"
]


def _middleware_groups() -> dict[str, list[Any]]:
    return {"web": [], "api": []}


@dataclass(frozen=True)
class HttpConfig:
    """``config/http.py``: middleware stacks and request limits."""

    middleware: list[Any] = field(default_factory=list)
    middleware_groups: dict[str, list[Any]] = field(
        default_factory=_middleware_groups, metadata={"merge": True}
    )
    middleware_aliases: dict[str, Any] = field(default_factory=dict)
    middleware_priority: list[Any] = field(default_factory=list)
    max_body_size: int = 10 * 1024 * 1024
    body_read_timeout: float = field(
        default=30.0,
        metadata={"hint": "Seconds a request body may take to arrive in total (0 = no limit)."},
    )
    max_form_parts: int = field(
        default=1000, metadata={"hint": "Parts of one multipart body, files included."}
    )
    max_form_files: int = field(default=100, metadata={"hint": "Files of one multipart body."})
    max_form_field_size: int = field(
        default=1024 * 1024, metadata={"hint": "Bytes of one non-file multipart field."}
    )
    max_form_pairs: int = field(
        default=1000, metadata={"hint": "name=value pairs of one urlencoded body."}
    )
    max_concurrent_requests: int = field(
        default=0,
        metadata={"hint": "Requests in flight per worker before 503 (0 = no cap)."},
    )
    cancel_on_disconnect: bool = field(
        default=False,
        metadata={"hint": "Cancel a handler whose client disconnected (~3 µs per request)."},
    )
    encrypt_cookies_except: list[str] = field(
        default_factory=list,
        metadata={"hint": "Names of cookies the `cookies` middleware leaves plain."},
    )
    csrf_except: list[str] = field(
        default_factory=list,
        metadata={
            "hint": "Paths (fnmatch patterns like '/webhooks/*') the `csrf` middleware skips."
        },
    )
    trusted_hosts: list[str] = field(
        default_factory=list,
        metadata={"hint": 'Host names such as "example.com", "*.example.com", or "*".'},
    )
    trusted_proxies: list[str] = field(
        default_factory=list,
        metadata={"hint": 'Proxy IPs or CIDR networks such as "10.0.0.0/8", or "*".'},
    )
    trusted_headers: list[ForwardedHeader] = field(
        default_factory=lambda: list(get_args(ForwardedHeader)),
        metadata={"hint": "The X-Forwarded-* headers read from a trusted proxy."},
    )


@dataclass(frozen=True)
class LoggingConfig:
    """``config/logging.py``: how much the application logs, and in what format."""

    level: LogLevel = field(default="INFO", metadata={"hint": "Set LOG_LEVEL in .env."})
    format: str = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@dataclass(frozen=True)
class ViewConfig:
    """``config/view.py``: where templates live and how Jinja2 treats them."""

    paths: list[str] = field(default_factory=lambda: ["resources/views"])
    cache: bool = True
    autoescape: bool = True
    # A template whose render took longer is rendered in a worker thread from then on.
    offload_after_ms: float = 5.0


SessionDriver = Literal["cookie", "file", "memory", "redis"]
SameSiteValue = Literal["lax", "strict", "none"]


@dataclass(frozen=True)
class SessionConfig:
    """``config/session.py``: where sessions live and how their cookie is written."""

    driver: SessionDriver = field(default="file", metadata={"hint": "Set SESSION_DRIVER in .env."})
    lifetime: int = field(default=120, metadata={"hint": "Minutes of inactivity before expiry."})
    expire_on_close: bool = False
    files: str = "storage/framework/sessions"
    redis_url: str = field(
        default="redis://127.0.0.1:6379/0", metadata={"hint": "Set REDIS_URL in .env."}
    )
    prefix: str = "orionis_session:"
    cookie: str = "orionis_session"
    path: str = "/"
    domain: str | None = None
    secure: bool = False
    http_only: bool = True
    same_site: SameSiteValue = "lax"
    lottery: list[int] = field(default_factory=lambda: [2, 100])


BroadcastDriver = Literal["memory", "redis"]


@dataclass(frozen=True)
class BroadcastingConfig:
    """``config/broadcasting.py``: how a broadcast reaches the subscribers of every worker."""

    driver: BroadcastDriver = field(
        default="memory", metadata={"hint": "Set BROADCAST_DRIVER in .env."}
    )
    redis_url: str = field(
        default="redis://127.0.0.1:6379/0", metadata={"hint": "Set BROADCAST_REDIS_URL in .env."}
    )
    prefix: str = "orionis_broadcast:"
    send_timeout: float = field(
        default=5.0,
        metadata={"hint": "Seconds one subscriber may take to accept a message (> 0)."},
    )


CacheDriver = Literal["memory", "redis"]


@dataclass(frozen=True)
class CacheConfig:
    """``config/cache.py``: where cached values and rate-limit counters live."""

    driver: CacheDriver = field(default="memory", metadata={"hint": "Set CACHE_DRIVER in .env."})
    redis_url: str = field(
        default="redis://127.0.0.1:6379/0", metadata={"hint": "Set CACHE_REDIS_URL in .env."}
    )
    prefix: str = "orionis_cache:"


@dataclass(frozen=True)
class WebSocketsConfig:
    """``config/websockets.py``: WebSocket middleware, allowed origins and limits."""

    middleware: list[Any] = field(default_factory=list)
    allowed_origins: list[str] = field(
        default_factory=list,
        metadata={"hint": 'Exact origins such as "https://app.example.com", or "*" for any.'},
    )
    max_message_size: int = field(
        default=1024 * 1024, metadata={"hint": "Bytes; set WEBSOCKET_MAX_MESSAGE_SIZE in .env."}
    )
    idle_timeout: float = field(
        default=300.0, metadata={"hint": "Seconds (0 = off); set WEBSOCKET_IDLE_TIMEOUT in .env."}
    )
    max_connections: int = field(
        default=1000, metadata={"hint": "Per worker (0 = no cap); WEBSOCKET_MAX_CONNECTIONS."}
    )


SECTIONS: Mapping[str, type[Any]] = {
    "app": AppConfig,
    "broadcasting": BroadcastingConfig,
    "cache": CacheConfig,
    "http": HttpConfig,
    "logging": LoggingConfig,
    "session": SessionConfig,
    "view": ViewConfig,
    "websockets": WebSocketsConfig,
}
