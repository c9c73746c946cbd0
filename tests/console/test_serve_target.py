"""The application a ``reactor serve`` worker imports: while ``serve`` reloads, a failed import
is reported to every request instead of leaving no worker; otherwise it stops the server."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from orionis.console.serving import ServeError
from orionis.console.serving.target import (
    TARGET_VARIABLE,
    BrokenApplication,
    from_environment,
    import_target,
)
from orionis.http.boot_failure import RELOADING_VARIABLE
from tests.support.drivers import asgi_lifespan, call_asgi, call_rsgi

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


class _RSGIWebSocket:
    proto = "ws"

    def __init__(self) -> None:
        self.status: int | None = None

    def close(self, status: int | None = None) -> None:
        self.status = status


async def test_while_reloading_every_request_hears_of_the_failed_import(
    broken_module: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(RELOADING_VARIABLE, "1")
    app = import_target(broken_module)
    assert isinstance(app, BrokenApplication)
    assert "SyntaxError" in capsys.readouterr().err  # the terminal shows the error

    rsgi_page = await call_rsgi(app, "GET", "/anything")
    asgi_json = await call_asgi(app, "POST", "/form", headers=JSON, body=b"a=1")
    socket = _RSGIWebSocket()
    await app.__rsgi__(socket, socket)
    sent: list[dict[str, object]] = []

    async def connect() -> dict[str, object]:
        return {"type": "websocket.connect"}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    await app({"type": "websocket", "path": "/ws", "headers": []}, connect, send)

    assert rsgi_page.status == 500
    assert "The application failed to start" in rsgi_page.text
    assert "SyntaxError" not in rsgi_page.text  # nothing loaded, so no debug setting to trust
    assert asgi_json.status == 500
    assert asgi_json.json()["message"].startswith("The application failed to start.")
    assert socket.status == 500
    assert sent == [{"type": "websocket.close", "code": 1011}]
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
