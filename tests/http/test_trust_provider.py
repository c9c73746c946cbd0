"""The trust provider: aliases, settings built at boot, and the skeleton's global stack."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from orionis.config.errors import ConfigError
from orionis.foundation.errors import BootError
from orionis.http.hosts import TrustedHosts
from orionis.http.middleware.trust_proxies import TrustProxies
from orionis.http.proxies import TrustedProxies
from orionis.testing import TestClient
from tests.http.trust import Project, Send, sender

ROUTES = 'Route.get("/whoami", t.whoami)\n'


@pytest.fixture
async def project(tmp_path: Path) -> AsyncIterator[Project]:
    async with Project(tmp_path) as built:
        yield built


@pytest.fixture(params=["rsgi", "asgi"])
def send(request: pytest.FixtureRequest) -> Send:
    return sender(request.param)


async def test_settings_are_singletons_built_from_config(project: Project) -> None:
    http = 'trusted_hosts = ["a.example"]\ntrusted_proxies = ["10.0.0.0/8"]\n'
    app = await project.app(web=ROUTES, http=http)
    hosts, proxies = app.make(TrustedHosts), app.make(TrustedProxies)
    assert hosts is app.make(TrustedHosts) and proxies is app.make(TrustedProxies)
    assert hosts.patterns == ("a.example",)
    assert proxies.proxies == ("10.0.0.0/8",) and proxies.trusts("10.1.1.1")


async def test_a_malformed_proxy_stops_boot_even_unused(project: Project) -> None:
    with pytest.raises(BootError, match=r"'trusted_proxies': '10\.0\.0\.0/40' is not an IP"):
        await project.app(web=ROUTES, http='trusted_proxies = ["10.0.0.0/40"]\n')


async def test_a_malformed_host_pattern_stops_boot(project: Project) -> None:
    with pytest.raises(BootError, match=r"'trusted_hosts': 'https://a\.example' is not a host"):
        await project.app(web=ROUTES, http='trusted_hosts = ["https://a.example"]\n')


async def test_an_unknown_forwarded_header_stops_boot(project: Project) -> None:
    with pytest.raises(ConfigError, match="trusted_headers"):
        await project.app(web=ROUTES, http='trusted_headers = ["forwarded"]\n')


async def test_production_trusts_an_ipv6_app_url(project: Project, send: Send) -> None:
    env = "APP_ENV=production\nAPP_URL=http://[::1]:8000\n"
    app = await project.app(web=ROUTES, http='middleware = ["trust_hosts"]\n', env=env)
    assert app.make(TrustedHosts).patterns == ("[::1]",)
    assert (await send(app, "GET", "/whoami", headers={"host": "[::1]:8000"})).status == 200
    assert (await send(app, "GET", "/whoami", headers={"host": "127.0.0.1"})).status == 400


async def test_an_alias_of_the_same_name_in_config_wins(project: Project, send: Send) -> None:
    http = (
        "from tests.http.kernel.middleware import Tag\n"
        'middleware_aliases = {"trust_hosts": Tag}\n'
        'middleware = ["trust_hosts:mine"]\n'
        'trusted_hosts = ["a.example"]\n'
    )
    app = await project.app(web=ROUTES, http=http)
    response = await send(app, "GET", "/whoami", headers={"host": "b.example"})
    assert response.status == 200  # the app's own middleware ran instead
    assert response.headers["x-tag"] == "mine"


# -- the skeleton (bootstrap/app.py, config/http.py) ----------------------------------------


@pytest.mark.kernels("rsgi", "asgi")
async def test_the_skeleton_refuses_a_poisoned_host_before_routing(client: TestClient) -> None:
    (await client.get("/")).assert_ok()
    for host in ("evil.com@localhost", "localhost:bad", "localhost/.."):
        response = await client.get("/no-such-page", headers={"host": host})
        response.assert_status(400)
        assert "Invalid Host header" in response.text


async def test_trust_proxies_leaves_the_global_stack_when_nothing_is_trusted(
    project: Project,
) -> None:
    http = 'middleware = ["trust_proxies", "trust_hosts"]\n'
    unused = await project.app(web=ROUTES, http=http)
    assert TrustProxies in unused.http.remove
    used = await project.app(web=ROUTES, http=http + 'trusted_proxies = ["10.0.0.1"]\n')
    assert TrustProxies not in used.http.remove
