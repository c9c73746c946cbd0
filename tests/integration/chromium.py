"""Headless Chromium driven over the DevTools protocol (CDP) with a plain WebSocket client.

``chromium_binary()`` finds the Debian ``chromium`` package, installing it with apt-get when
missing and running as root; otherwise the test is skipped with the reason (failed when
CI=true). ``Page`` navigates, runs JavaScript and waits for page loads.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import time
from typing import Any

import httpx
import pytest
from websockets.sync.client import ClientConnection

__all__ = ["FLAGS", "Page", "chromium_binary", "page_socket"]

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
_TIMEOUT = 30.0


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"Chromium is required when CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def chromium_binary() -> str:
    """The path of Chromium; installs the Debian package as root when it is missing."""
    found = shutil.which("chromium")
    if found:
        return found
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        _unavailable("Chromium is not installed and apt-get cannot run here: apt install chromium")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
        if result.returncode != 0:
            _unavailable(f"`{' '.join(command)}` failed: {result.stderr.strip()[-500:]}")
    found = shutil.which("chromium")
    if not found:
        _unavailable("apt-get installed chromium but no `chromium` command is on PATH")
    return str(found)


def page_socket(port: int) -> str:
    """The DevTools WebSocket URL of the browser's first page."""
    deadline = time.monotonic() + _TIMEOUT
    while time.monotonic() < deadline:
        try:
            targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=2).json()
        except httpx.HTTPError:
            time.sleep(0.1)
            continue
        pages = [t for t in targets if t.get("type") == "page"]
        if pages:
            return str(pages[0]["webSocketDebuggerUrl"])
        time.sleep(0.1)
    raise AssertionError(f"Chromium on port {port} showed no page within {_TIMEOUT:g} s")


class Page:
    """A browser tab over a DevTools WebSocket: ``navigate()``, ``evaluate()``, ``submit()``."""

    def __init__(self, socket: ClientConnection) -> None:
        self._socket = socket
        self._ids = itertools.count(1)
        self._events: list[dict[str, Any]] = []
        self.send("Page.enable")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call a CDP method and return its result (events received meanwhile are kept)."""
        call_id = next(self._ids)
        self._socket.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = self._receive()
            if message.get("id") == call_id:
                if "error" in message:
                    raise AssertionError(f"CDP {method} failed: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._events.append(message)

    def wait_for_load(self) -> None:
        """Block until the next ``Page.loadEventFired``."""
        while True:
            event = self._events.pop(0) if self._events else self._receive()
            if event.get("method") == "Page.loadEventFired":
                return

    def navigate(self, url: str) -> None:
        self._events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for_load()

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"JavaScript failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def submit(self, fields: dict[str, str]) -> None:
        """Fill the page's form and submit it as a user would, then wait for the next page."""
        self._events.clear()
        script = "".join(
            f"document.querySelector('[name={name}]').value = {json.dumps(value)};"
            for name, value in fields.items()
        )
        self.evaluate(script + "document.querySelector('button[type=submit]').click(); true")
        self.wait_for_load()

    def _receive(self) -> dict[str, Any]:
        message: dict[str, Any] = json.loads(self._socket.recv(timeout=_TIMEOUT))
        return message
