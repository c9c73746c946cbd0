"""The ``trust_proxies`` middleware: X-Forwarded-* believed from trusted peers only, through
RSGI and ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from orionis.testing import TestClient
from orionis.testing.websocket import WebSocketRejected
from tests.http.trust import LINK_VIEW, Project, Send, sender

ROUTES = """
Route.get("/whoami", t.whoami)
Route.get("/link", t.link)
"""
PROXIES = """
middleware = ["trust_proxies", "trust_hosts"]
trusted_proxies = ["10.0.0.0/8", "fd00::/8"]
trusted_hosts = ["shop.example", "127.0.0.1"]
"""
FORWARDED = [
    ("host", "127.0.0.1:8000"),  # what the proxy connects to
    ("x-forwarded-for", "198.51.100.7"),
    ("x-forwarded-proto", "https"),
    ("x-forwarded-host", "shop.example"),
]


@pytest.fixture
async def project(tmp_path: Path) -> AsyncIterator[Project]:
    async with Project(tmp_path) as built:
        yield built


@pytest.fixture(params=["rsgi", "asgi"])
def send(request: pytest.FixtureRequest) -> Send:
    return sender(request.param)


async def whoami(send: Send, app: Any, peer: str, headers: Any) -> dict[str, Any]:
    response = await send(app, "GET", "/whoami", peer=peer, headers=headers)
    assert response.status == 200, response.text
    info: dict[str, Any] = response.json()
    return info


async def test_a_trusted_proxy_sets_client_scheme_and_host(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES, http=PROXIES)
    info = await whoami(send, app, "10.1.2.3", FORWARDED)
    assert info == {
        "ip": "198.51.100.7",
        "scheme": "https",
        "secure": True,
        "host": "shop.example",
        "http_host": "shop.example",
        "port": 443,
        "url": "https://shop.example/whoami",
    }


async def test_forwarded_headers_from_anyone_else_are_ignored(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES, http=PROXIES)
    info = await whoami(send, app, "203.0.113.9", FORWARDED)
    assert (info["ip"], info["scheme"], info["secure"]) == ("203.0.113.9", "http", False)
    assert info["url"] == "http://127.0.0.1:8000/whoami"


async def test_with_no_trusted_proxy_the_headers_are_ignored(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES, http='middleware = ["trust_proxies"]\n')
    info = await whoami(send, app, "10.1.2.3", FORWARDED)
    assert (info["ip"], info["scheme"], info["host"]) == ("10.1.2.3", "http", "127.0.0.1")


@pytest.mark.parametrize(
    ("forwarded_for", "client"),
    [
        # The right-most address that is not a trusted proxy; what is left of it was written
        # by the client and proves nothing.
        (["1.1.1.1, 198.51.100.7"], "198.51.100.7"),
        (["1.1.1.1, 198.51.100.7, 10.0.0.3, 10.9.9.9"], "198.51.100.7"),
        (["1.1.1.1", "198.51.100.7, 10.0.0.3"], "198.51.100.7"),  # several headers, in order
        (["10.0.0.4, 10.0.0.3"], "10.0.0.4"),  # proxies all the way: the left-most
        (["198.51.100.7:4711"], "198.51.100.7"),
        (["[2001:db8::7]:4711, fd00::3"], "2001:db8::7"),
        (["2001:db8::7"], "2001:db8::7"),
        (["1.1.1.1, not-an-ip, 10.0.0.3"], "10.0.0.3"),  # garbage ends the walk
        (["<script>"], "10.1.2.3"),  # nothing usable: the peer stays
        ([""], "10.1.2.3"),
    ],
)
async def test_the_client_is_the_right_most_untrusted_address(
    project: Project, send: Send, forwarded_for: list[str], client: str
) -> None:
    app = await project.app(web=ROUTES, http=PROXIES)
    headers = [("x-forwarded-for", value) for value in forwarded_for]
    assert (await whoami(send, app, "10.1.2.3", headers))["ip"] == client


async def test_an_ipv6_peer_can_be_trusted(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES, http=PROXIES)
    info = await whoami(send, app, "fd00::1", [("x-forwarded-for", "198.51.100.7")])
    assert info["ip"] == "198.51.100.7"


async def test_star_trusts_the_direct_peer_only(project: Project, send: Send) -> None:
    http = 'middleware = ["trust_proxies"]\ntrusted_proxies = ["*"]\n'
    app = await project.app(web=ROUTES, http=http)
    headers = [("x-forwarded-for", "1.1.1.1, 198.51.100.7"), ("x-forwarded-proto", "https")]
    info = await whoami(send, app, "203.0.113.9", headers)
    assert (info["ip"], info["scheme"]) == ("198.51.100.7", "https")


async def test_forwarded_port_is_used_and_a_default_one_left_out(
    project: Project, send: Send
) -> None:
    app = await project.app(web=ROUTES, http=PROXIES)
    headers = [*FORWARDED, ("x-forwarded-port", "8443")]
    info = await whoami(send, app, "10.1.2.3", headers)
    assert (info["http_host"], info["port"]) == ("shop.example:8443", 8443)
    assert info["url"] == "https://shop.example:8443/whoami"
    headers = [*FORWARDED, ("x-forwarded-port", "443")]
    assert (await whoami(send, app, "10.1.2.3", headers))["http_host"] == "shop.example"
    port_only = [("host", "shop.example"), ("x-forwarded-port", "8080")]
    assert (await whoami(send, app, "10.1.2.3", port_only))["http_host"] == "shop.example:8080"


@pytest.mark.parametrize("port", ["99999", "0", "80x", "²", "-1", ""])
async def test_unusable_scheme_and_port_values_are_ignored(
    project: Project, send: Send, port: str
) -> None:
    app = await project.app(web=ROUTES, http=PROXIES)
    headers = [("host", "shop.example"), ("x-forwarded-proto", "gopher")]
    headers += [("x-forwarded-port", port)]
    info = await whoami(send, app, "10.1.2.3", headers)
    assert (info["scheme"], info["http_host"]) == ("http", "shop.example")


async def test_the_first_of_several_forwarded_values_wins(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES, http=PROXIES)
    headers = [("x-forwarded-proto", "https, http"), ("x-forwarded-host", "shop.example, x.y")]
    info = await whoami(send, app, "10.1.2.3", headers)
    assert (info["scheme"], info["host"]) == ("https", "shop.example")


async def test_the_forwarded_host_is_checked_against_trusted_hosts(
    project: Project, send: Send
) -> None:
    app = await project.app(web=ROUTES, http=PROXIES)
    headers = [("host", "shop.example"), ("x-forwarded-host", "evil.example")]
    response = await send(app, "GET", "/whoami", peer="10.1.2.3", headers=headers)
    assert response.status == 400
    assert "Invalid Host header" in response.text


@pytest.mark.parametrize("host", ["evil.com@shop.example", "shop.example/..", "shop.example:x"])
async def test_a_malformed_forwarded_host_is_400(project: Project, send: Send, host: str) -> None:
    app = await project.app(
        web=ROUTES, http='middleware = ["trust_proxies"]\ntrusted_proxies = ["*"]\n'
    )
    headers = [("x-forwarded-host", host), ("accept", "application/json")]
    response = await send(app, "GET", "/whoami", peer="10.1.2.3", headers=headers)
    assert (response.status, response.json()) == (400, {"message": "Invalid Host header"})


async def test_trusted_headers_limit_what_a_proxy_may_set(project: Project, send: Send) -> None:
    http = PROXIES + 'trusted_headers = ["x-forwarded-for"]\n'
    app = await project.app(web=ROUTES, http=http)
    info = await whoami(send, app, "10.1.2.3", FORWARDED)
    assert (info["ip"], info["scheme"], info["host"]) == ("198.51.100.7", "http", "127.0.0.1")


async def test_urls_use_the_forwarded_scheme_and_host(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES, http=PROXIES, views=LINK_VIEW)
    page = await send(app, "GET", "/link", peer="10.1.2.3", headers=FORWARDED)
    assert (page.status, page.text) == (200, "https://shop.example/reset/token")


# -- WebSocket handshakes (config/websockets.py middleware) -----------------------------------

WEBSOCKETS = {"websockets": 'middleware = ["trust_proxies", "trust_hosts"]\n'}
WS_HTTP = 'trusted_proxies = ["127.0.0.1"]\ntrusted_hosts = ["shop.example", "localhost"]\n'


@pytest.mark.kernels("rsgi", "asgi")
async def test_a_websocket_handshake_through_a_trusted_proxy(project: Project, kernel: str) -> None:
    app = await project.app(
        web='Route.websocket("/ws", t.ws_whoami)\n', http=WS_HTTP, config=WEBSOCKETS
    )
    headers = {
        "x-forwarded-for": "198.51.100.7",
        "x-forwarded-proto": "https",
        "x-forwarded-host": "shop.example",
    }
    client = TestClient(app, kernel=kernel)
    async with client, client.websocket("/ws", headers=headers) as ws:
        info = await ws.receive_json()
    assert info == {"ip": "198.51.100.7", "scheme": "wss", "host": "shop.example"}


@pytest.mark.kernels("rsgi", "asgi")
async def test_a_websocket_handshake_for_another_host_is_refused(
    project: Project, kernel: str
) -> None:
    app = await project.app(
        web='Route.websocket("/ws", t.ws_whoami)\n', http=WS_HTTP, config=WEBSOCKETS
    )
    async with TestClient(app, kernel=kernel) as client:
        with pytest.raises(WebSocketRejected) as refused:
            async with client.websocket("/ws", headers={"x-forwarded-host": "evil.example"}):
                pass
    assert refused.value.status == 400
