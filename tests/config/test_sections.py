import dataclasses
from typing import Any

import pytest

from orionis.config import (
    SECTIONS,
    AppConfig,
    HttpConfig,
    LoggingConfig,
    SessionConfig,
    ViewConfig,
)
from orionis.config.schema import schema_of
from orionis.config.sections import BroadcastingConfig, CacheConfig, WebSocketsConfig


def test_the_framework_sections_are_registered() -> None:
    assert dict(SECTIONS) == {
        "app": AppConfig,
        "broadcasting": BroadcastingConfig,
        "cache": CacheConfig,
        "http": HttpConfig,
        "logging": LoggingConfig,
        "session": SessionConfig,
        "view": ViewConfig,
        "websockets": WebSocketsConfig,
    }


def test_app_defaults() -> None:
    assert dataclasses.asdict(AppConfig()) == {
        "name": "Orionis",
        "env": "production",
        "debug": False,
        "url": "http://127.0.0.1:8000",
        "key": "",
        "previous_keys": [],
        "timezone": "UTC",
        "locale": "en",
        "providers": [],
        "startup": [],
        "shutdown": [],
    }


def test_http_defaults() -> None:
    assert dataclasses.asdict(HttpConfig()) == {
        "middleware": [],
        "middleware_groups": {"web": [], "api": []},
        "middleware_aliases": {},
        "middleware_priority": [],
        "max_body_size": 10 * 1024 * 1024,
        "body_read_timeout": 30.0,
        "max_form_parts": 1000,
        "max_form_files": 100,
        "max_form_field_size": 1024 * 1024,
        "max_form_pairs": 1000,
        "max_concurrent_requests": 0,
        "cancel_on_disconnect": False,
        "encrypt_cookies_except": [],
        "csrf_except": [],
        "trusted_hosts": [],
        "trusted_proxies": [],
        "trusted_headers": [
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-port",
            "x-forwarded-proto",
        ],
    }


def test_logging_defaults() -> None:
    defaults = LoggingConfig()
    assert defaults.level == "INFO"
    assert "%(message)s" in defaults.format


def test_broadcasting_defaults() -> None:
    assert dataclasses.asdict(BroadcastingConfig()) == {
        "driver": "memory",
        "redis_url": "redis://127.0.0.1:6379/0",
        "prefix": "orionis_broadcast:",
        "send_timeout": 5.0,
    }


def test_cache_defaults() -> None:
    assert dataclasses.asdict(CacheConfig()) == {
        "driver": "memory",
        "redis_url": "redis://127.0.0.1:6379/0",
        "prefix": "orionis_cache:",
    }


def test_websockets_defaults() -> None:
    assert dataclasses.asdict(WebSocketsConfig()) == {
        "middleware": [],
        "allowed_origins": [],
        "max_message_size": 1024 * 1024,
        "idle_timeout": 300.0,
        "max_connections": 1000,
    }


def test_view_defaults() -> None:
    assert dataclasses.asdict(ViewConfig()) == {
        "paths": ["resources/views"],
        "cache": True,
        "autoescape": True,
        "offload_after_ms": 5.0,
    }


@pytest.mark.parametrize("section", list(SECTIONS.values()))
def test_sections_are_frozen_and_their_schemas_compile(section: type[Any]) -> None:
    instance = section()
    first = dataclasses.fields(section)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(instance, first, None)
    assert list(schema_of(section).rules) == [spec.name for spec in dataclasses.fields(section)]


def test_each_instance_gets_its_own_mutable_defaults() -> None:
    assert AppConfig().providers is not AppConfig().providers
    assert HttpConfig().middleware_groups is not HttpConfig().middleware_groups
