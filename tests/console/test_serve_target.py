"""The application a ``reactor serve`` worker imports: while ``serve`` reloads, a failed import
is reported to every request instead of leaving no worker; otherwise it stops the server."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from orionis.console.serving import ServeError
from orionis.console.serving.target import TARGET_VARIABLE, from_environment, import_target
from orionis.http.boot_failure import RELOADING_VARIABLE, FailedApplication
from tests.support.drivers import (
    asgi_lifespan,
    asgi_websocket_refusal,
    call_asgi,
    call_rsgi,
    rsgi_websocket_refusal,
)

JSON = (("accept", "application/json"),)


@pytest.fixture
def broken_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    (tmp_path / "broken_target.py").write_text("app = 1\nthis line is not Python(\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "broken_target:app"
    sys.modules.pop("broken_target", None)


def test_outside_reload_an_import_error_stops_the_worker(
    broken_module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(RELOADING_VARIABLE, raising=False)
    with pytest.raises(SyntaxError):
        import_target(broken_module)


async def test_while_reloading_every_request_hears_of_the_failed_import(
    broken_module: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(RELOADING_VARIABLE, "1")
    app = import_target(broken_module)
    assert isinstance(app, FailedApplication)
    assert "SyntaxError" in capsys.readouterr().err  # the terminal shows the error

    rsgi_page = await call_rsgi(app, "GET", "/anything")
    asgi_json = await call_asgi(app, "POST", "/form", headers=JSON, body=b"a=1")
    rsgi_websocket = await rsgi_websocket_refusal(app)
    asgi_websocket = await asgi_websocket_refusal(app, "/ws")

    assert rsgi_page.status == 500
    assert "The application failed to start" in rsgi_page.text
    assert "SyntaxError" not in rsgi_page.text  # nothing loaded, so no debug setting to trust
    assert asgi_json.status == 500
    assert asgi_json.json()["message"].startswith("The application failed to start.")
    assert rsgi_websocket == 500
    assert asgi_websocket == [{"type": "websocket.close", "code": 1011}]
    assert await asgi_lifespan(app, "startup", "shutdown") == [
        {"type": "lifespan.startup.complete"},
        {"type": "lifespan.shutdown.complete"},
    ]


def test_the_reloading_target_outside_reactor_serve_says_what_to_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(TARGET_VARIABLE, raising=False)
    with pytest.raises(ServeError, match="is the server target of `reactor serve`"):
        from_environment()
