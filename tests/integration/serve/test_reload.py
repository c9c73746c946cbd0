"""``--reload`` is on where APP_ENV=local (``--no-reload`` turns it off): an edit to a route
file or to .env is served without restarting ``reactor serve``."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.integration.serve.reactor import Reactor
from tests.support.servers import Server

LOCAL = {"APP_ENV": "local"}
JSON = {"accept": "application/json"}
RELOAD_TIMEOUT = 20.0


def test_a_route_edit_is_served_where_app_env_is_local(reactor: Reactor, project: Path) -> None:
    server = reactor(project, env=LOCAL)
    assert httpx.get(f"{server.url}/greeting", timeout=10).text == "hello"

    routes = project / "routes" / "web.py"
    routes.write_text(routes.read_text().replace('return "hello"', 'return "hello again"'))

    _until(server, lambda: _text(server, "/greeting") == "hello again")
    assert "reload on" in server.output()


@pytest.mark.parametrize(
    ("interface", "debug"), [("rsgi", "true"), ("asgi", "false")], ids=["rsgi-debug", "asgi"]
)
def test_a_broken_edit_is_shown_until_the_fix_is_served(
    reactor: Reactor, project: Path, interface: str, debug: str
) -> None:
    config = project / "config" / "app.py"
    config.parent.mkdir(exist_ok=True)
    config.write_text('from orionis.config import env\n\ndebug = env("APP_DEBUG", False)\n')
    server = reactor(project, "--interface", interface, env={**LOCAL, "APP_DEBUG": debug})
    assert _text(server, "/greeting") == "hello"
    routes = project / "routes" / "web.py"
    working = routes.read_text()

    routes.write_text(working + "\nthis line is not Python(\n")
    _until(server, lambda: _status(server, "/greeting") == 500)
    page = httpx.get(f"{server.url}/greeting", timeout=5).text
    as_json = httpx.get(f"{server.url}/greeting", headers=JSON, timeout=5)
    routes.write_text(working.replace('return "hello"', 'return "fixed"'))

    _until(server, lambda: _text(server, "/greeting") == "fixed")
    assert server.process.poll() is None
    assert "SyntaxError" in server.output()  # the terminal shows it in any case
    if debug == "true":  # the debug page names the file and the error
        assert "routes/web.py failed while loading: SyntaxError" in page
        assert "SyntaxError" in as_json.json()["message"]
    else:  # nothing about the code leaves the server
        assert "The application failed to start" in page
        assert "SyntaxError" not in page and "web.py" not in page
        assert as_json.json()["message"].startswith("The application failed to start.")


@pytest.mark.parametrize(
    ("interface", "public_files"), [("rsgi", True), ("asgi", False)], ids=["rsgi-static", "asgi"]
)
def test_a_broken_import_is_reported_until_the_fix_is_served(
    reactor: Reactor, project: Path, interface: str, public_files: bool
) -> None:
    # config/ is read while bootstrap/app.py is imported: Granian's import of the target fails.
    if not public_files:
        shutil.rmtree(project / "storage")
    config = project / "config" / "app.py"
    config.parent.mkdir(exist_ok=True)
    config.write_text('name = "Shop"\n')
    server = reactor(project, "--interface", interface, env=LOCAL)
    assert _text(server, "/greeting") == "hello"

    config.write_text('name = "Shop"\nthis line is not Python(\n')
    _until(server, lambda: _status(server, "/greeting") == 500)
    page = httpx.get(f"{server.url}/greeting", timeout=5).text
    config.write_text('name = "Shop"\n')

    _until(server, lambda: _text(server, "/greeting") == "hello")
    assert server.process.poll() is None
    assert "SyntaxError" in server.output()
    assert "The application failed to start" in page and "SyntaxError" not in page


def test_a_dotenv_edit_is_served_where_app_env_is_local(reactor: Reactor, project: Path) -> None:
    # The workers read .env themselves: reactor serve must not pass its values on as if they
    # were real variables, which would win over the edited file after the reload.
    (project / ".env").write_text("GREETING_NAME=first\n")
    server = reactor(project, env=LOCAL)
    assert httpx.get(f"{server.url}/env/GREETING_NAME", timeout=10).text == "first"

    (project / ".env").write_text("GREETING_NAME=second\n")

    _until(server, lambda: _text(server, "/env/GREETING_NAME") == "second")


def test_no_reload_turns_it_off(reactor: Reactor, project: Path) -> None:
    server = reactor(project, "--no-reload", env=LOCAL)
    httpx.get(f"{server.url}/up", timeout=10)

    assert "reload off" in server.output()


def test_reload_is_off_outside_local(reactor: Reactor, project: Path) -> None:
    server = reactor(project, env={"APP_ENV": "production"})
    httpx.get(f"{server.url}/up", timeout=10)

    assert "reload off" in server.output()


def _text(server: Server, path: str) -> str:
    try:
        return httpx.get(f"{server.url}{path}", timeout=5).text
    except httpx.TransportError:  # between the old workers and the new ones
        return ""


def _status(server: Server, path: str) -> int:
    try:
        return httpx.get(f"{server.url}{path}", timeout=5).status_code
    except httpx.TransportError:  # between the old workers and the new ones
        return 0


def _until(server: Server, condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + RELOAD_TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not reloaded after {RELOAD_TIMEOUT:g} s:\n{server.output()}")
