"""Cleartext HTTP/2 (prior knowledge) with ``--http 2``; HTTP/1.1 only with ``--http 1``."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.integration.serve.reactor import Reactor


def test_cleartext_http2_with_http_2(reactor: Reactor, project: Path) -> None:
    server = reactor(project, "--http", "2")

    with httpx.Client(http1=False, http2=True, timeout=10) as client:
        response = client.get(f"{server.url}/greeting")

    assert (response.http_version, response.text) == ("HTTP/2", "hello"), server.output()
    assert "HTTP 2," in server.output()


def test_http_1_refuses_cleartext_http2(reactor: Reactor, project: Path) -> None:
    server = reactor(project, "--http", "1")

    with (
        httpx.Client(http1=False, http2=True, timeout=5) as client,
        pytest.raises(httpx.TransportError),
    ):
        client.get(f"{server.url}/greeting")
    assert httpx.get(f"{server.url}/greeting", timeout=10).text == "hello"
