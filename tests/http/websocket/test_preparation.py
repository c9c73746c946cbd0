"""Boot-time preparation: config/websockets.py (defaults, the skeleton's env overrides, bad
values) read into the kernel and the origin policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from orionis.config import ConfigError
from orionis.http.websocket import WebSocketLimits, WebSocketSetupError
from orionis.http.websocket.kernel import WebSocketKernel
from orionis.http.websocket.middleware import OriginPolicy
from tests.http.websocket.conftest import AppFactory

SKELETON = (Path(__file__).resolve().parents[3] / "config" / "websockets.py").read_text()
ROUTE = 'Route.websocket("/ws", h.echo)\n'


async def test_defaults(make_app: AppFactory) -> None:
    app = await make_app(web=ROUTE)
    kernel: WebSocketKernel = app.make(WebSocketKernel)
    assert kernel.limits == WebSocketLimits(max_message_size=1024 * 1024, idle_timeout=300.0)
    assert kernel.max_connections == 1000
    policy: OriginPolicy = app.make(OriginPolicy)
    assert (policy.any, policy.allowed) == (False, frozenset({"http://127.0.0.1:8000"}))


async def test_the_skeleton_config_reads_the_environment(make_app: AppFactory) -> None:
    env = """
    WEBSOCKET_MAX_MESSAGE_SIZE=2048
    WEBSOCKET_IDLE_TIMEOUT=1.5
    WEBSOCKET_MAX_CONNECTIONS=3
    WEBSOCKET_ALLOWED_ORIGINS=https://a.example, https://b.example:8443
    """
    app = await make_app(web=ROUTE, websockets=SKELETON, env=env)
    kernel: WebSocketKernel = app.make(WebSocketKernel)
    assert kernel.limits == WebSocketLimits(max_message_size=2048, idle_timeout=1.5)
    assert kernel.max_connections == 3
    assert {"https://a.example:443", "https://b.example:8443"} <= app.make(OriginPolicy).allowed


async def test_a_negative_limit_stops_boot(make_app: AppFactory) -> None:
    with pytest.raises(WebSocketSetupError) as caught:
        await make_app(web=ROUTE, websockets="idle_timeout = -1\n")
    assert str(caught.value) == (
        "config/websockets.py: 'idle_timeout' is -1; it must be 0 (no limit) or more."
    )


async def test_a_wrong_type_stops_boot_naming_the_key(make_app: AppFactory) -> None:
    with pytest.raises(ConfigError, match="'max_connections' must be int"):
        await make_app(web=ROUTE, websockets='max_connections = "lots"\n')
