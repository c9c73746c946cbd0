"""The skeleton behind real servers refuses hosts it does not serve (production: APP_URL's host).

Granian passes malformed Host values through to the application unchanged, so the 400 comes
from the ``trust_hosts`` middleware; raw sockets, because HTTP clients refuse to send them.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest


def _request(base_url: str, host: str) -> tuple[int, bytes]:
    parts = urlsplit(base_url)
    assert parts.hostname is not None and parts.port is not None
    raw = f"GET /no-such-page HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(raw.encode("latin-1"))
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def test_the_app_url_host_is_served(skeleton: str) -> None:
    port = urlsplit(skeleton).port
    assert _request(skeleton, f"127.0.0.1:{port}")[0] == 404  # routed: the host passed


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example@127.0.0.1", "127.0.0.1:bad", "127.0.0.1/.."]
)
def test_other_and_malformed_hosts_are_400(skeleton: str, host: str) -> None:
    status, body = _request(skeleton, host)
    assert status == 400
    assert b"Invalid Host header" in body
