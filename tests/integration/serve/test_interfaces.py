"""``reactor serve`` serves the skeleton and a project over RSGI (default) and ASGI, and prints
the URL it serves on before Granian starts."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.integration.conftest import SKELETON_ENV
from tests.integration.serve.reactor import Reactor
from tests.support.servers import ROOT


@pytest.mark.parametrize("interface", ["rsgi", "asgi"])
def test_serves_the_skeleton(reactor: Reactor, interface: str) -> None:
    # The skeleton's web group encrypts cookies: it needs a key to boot.
    server = reactor(ROOT, "--interface", interface, env={"APP_KEY": SKELETON_ENV["APP_KEY"]})

    response = httpx.get(f"{server.url}/up", timeout=10)

    assert (response.status_code, response.json()) == (200, {"status": "up"}), server.output()
    assert f"Serving bootstrap:app on {server.url} ({interface}," in server.output()


def test_rsgi_is_the_default(reactor: Reactor, project: Path) -> None:
    server = reactor(project)

    assert httpx.get(f"{server.url}/interface", timeout=10).text == "rsgi", server.output()


def test_asgi_when_asked(reactor: Reactor, project: Path) -> None:
    server = reactor(project, "--interface", "asgi")

    assert httpx.get(f"{server.url}/interface", timeout=10).text == "asgi", server.output()


def test_the_url_comes_first(reactor: Reactor, project: Path) -> None:
    server = reactor(project)
    httpx.get(f"{server.url}/up", timeout=10)

    first_line = server.output().splitlines()[0]

    assert first_line.startswith(f"Serving bootstrap:app on {server.url} "), server.output()
