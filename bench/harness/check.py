"""Every target must answer every scenario identically before anything is measured."""

from __future__ import annotations

import http.client

from harness.errors import BenchError
from harness.scenarios import Scenario
from harness.server import HOST

__all__ = ["verify"]


def verify(label: str, port: int, scenario: Scenario) -> None:
    """Raise unless ``GET scenario.path`` gives the scenario's status, content type and body
    (CSRF tokens aside), and a ``Set-Cookie`` header when the scenario asks for one."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request("GET", scenario.path)
        response = connection.getresponse()
        body = scenario.comparable(response.read())
        got = (response.status, response.getheader("content-type"), body)
        cookies = response.msg.get_all("set-cookie") or []
    finally:
        connection.close()
    expected = (scenario.status, scenario.content_type, scenario.body)
    if got != expected:
        raise BenchError(
            f"{label} answers GET {scenario.path} with (status, content type, body) {got!r}, "
            f"expected {expected!r}. Every target must answer the same before it is measured: "
            "fix the app (bench/raw_routes.py, bench/raw_web.py or bench/project) so the "
            "responses match."
        )
    if scenario.sets_cookie and not cookies:
        raise BenchError(
            f"{label} answers GET {scenario.path} without a Set-Cookie header; every target "
            "must start a session there (bench/raw_web.py, or the web group of bench/project)."
        )
