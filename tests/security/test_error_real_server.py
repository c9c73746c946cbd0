"""On a real server, a 500 leaks nothing and failures do not poison later requests: 1000
alternating failing and good requests, every good one answered 200."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.security.test_error_leaks import SECRETS, leaks, write_error_project
from tests.support.servers import Server, free_port, running, server_command


@pytest.fixture(params=["granian-rsgi", "granian-asgi"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """The error project served by a real Granian (production settings)."""
    env = {"APP_ENV": "production", "APP_DEBUG": "false", **SECRETS}
    project = write_error_project(tmp_path / "project", env)
    (project / "bootstrap").mkdir()
    (project / "bootstrap" / "__init__.py").write_text("from bootstrap.app import app\n")
    (project / "bootstrap" / "app.py").write_text(
        "from pathlib import Path\n\nfrom orionis import Application\n\n"
        "app = Application(base_path=Path(__file__).resolve().parent.parent)\n"
        'app.with_routing(web="routes/web.py", api="routes/api.py")\n'
    )
    port = free_port()
    command = server_command(request.param, "bootstrap:app", port)
    with running(command, cwd=project, log=tmp_path / "server.log", port=port) as started:
        yield started


def test_failures_leak_nothing_and_do_not_poison_good_requests(
    server: Server, tmp_path: Path
) -> None:
    statuses: dict[str, list[int]] = {"/crash": [], "/ok": []}
    with httpx.Client(base_url=server.url, timeout=10) as client:
        for accept in ("text/html", "application/json"):
            for path in ("/crash", "/bad-str"):
                response = client.get(path, headers={"accept": accept})
                assert response.status_code == 500
                headers = "".join(f"{k}: {v}\n" for k, v in response.headers.items())
                assert leaks(response.text + headers, tmp_path) == []
        for index in range(1000):
            path = "/crash" if index % 2 == 0 else "/ok"
            response = client.get(path)
            statuses[path].append(response.status_code)
            if path == "/ok":
                assert response.json() == {"ok": True}

    assert statuses["/ok"] == [200] * 500
    assert statuses["/crash"] == [500] * 500
    # The server logged the errors (with their details) for the operator, not the client.
    assert "Unhandled RuntimeError" in server.output()
