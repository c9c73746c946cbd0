"""The debug page (APP_DEBUG=true, never in production) escapes hostile input and masks the
app's secrets: APP_KEY, values under secret names, URL passwords, credential headers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from orionis.foundation.application import Application
from orionis.testing import TestClient
from orionis.testing.project import isolated_process
from tests.security.test_error_leaks import REDIS_PASSWORD, SECRETS, write_error_project

pytestmark = pytest.mark.kernels("rsgi", "asgi")

HOSTILE = "<script>alert(1)</script>"
ROUTES = """
import os

from orionis.routing import Route


def boom(name: str):
    names = ("APP_KEY", "REDIS_URL", "STRIPE_SECRET", "DB_PASSWORD", "GITHUB_TOKEN")
    secrets = " ".join(os.environ[n] for n in names)
    raise RuntimeError(f"<script>alert(1)</script> {name} {secrets}")


Route.get("/boom/{name}", boom)
"""


@pytest.fixture
async def debug(tmp_path: Path) -> AsyncIterator[Callable[[str], TestClient]]:
    """``debug(kernel)``: a client on the project with APP_ENV=local and APP_DEBUG=true."""
    with isolated_process():
        env = {"APP_ENV": "local", "APP_DEBUG": "true", **SECRETS}
        root = write_error_project(tmp_path, env)
        (root / "routes" / "web.py").write_text(ROUTES)
        app = Application(base_path=root)
        app.with_routing(web="routes/web.py")
        await app.boot()
        yield lambda kernel: TestClient(app, kernel=kernel)
        await app.shutdown()


def _visible_secrets(text: str) -> list[str]:
    return [value for value in (*SECRETS.values(), REDIS_PASSWORD) if value in text]


async def test_the_debug_page_escapes_hostile_input(
    debug: Callable[[str], TestClient], kernel: str
) -> None:
    response = await debug(kernel).get(
        "/boom/%3Cscript%3Ealert(2)%3C?q=%3Cscript%3Ealert(3)%3C%2Fscript%3E",
        headers={"x-evil": HOSTILE, "accept": "text/html"},
    )

    assert response.status == 500
    assert "<script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text  # the message, escaped
    assert "alert(2)" in response.text and "alert(3)" in response.text  # path and query shown


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
async def test_the_debug_page_masks_secrets(
    debug: Callable[[str], TestClient], kernel: str, accept: str
) -> None:
    response = await debug(kernel).get(
        "/boom/x?api_token=query-secret-123&page=2",
        headers={
            "accept": accept,
            "authorization": "Bearer header-secret-456",
            "x-api-key": "header-secret-789",
            "x-forwarded-for": "10.0.0.1",
        },
    )

    assert response.status == 500
    assert _visible_secrets(response.text) == []
    for leaked in ("query-secret-123", "header-secret-456", "header-secret-789"):
        assert leaked not in response.text
    assert "********" in response.text
    assert "redis://:********@127.0.0.1:6379/15" in response.text  # the URL stays readable
    if accept == "text/html":
        assert "page=2" in response.text and "10.0.0.1" in response.text  # the rest is shown
    else:
        assert response.json()["exception"] == "builtins.RuntimeError"
