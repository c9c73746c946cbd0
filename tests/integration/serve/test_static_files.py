"""Public files (storage/app/public) are served at /static under both interfaces; dotfiles,
paths outside the folder (raw or percent-encoded ``..``, symbolic links) never are, including
files added while the server runs."""

from __future__ import annotations

import http.client
import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.integration.serve.project import write_serve_project
from tests.integration.serve.reactor import Reactor, reactor_in
from tests.support.servers import HOST, Server

SECRET = "APP_KEY=base64:do-not-serve-me"


@pytest.fixture(scope="module", params=["rsgi", "asgi"])
def served_project(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Path]]:
    """A project with its public folder filled, served with the interface of the param."""
    folder = tmp_path_factory.mktemp(request.param)
    project = write_serve_project(folder / "project")
    public = project / "storage" / "app" / "public"
    (public / "css").mkdir()
    (public / "hello.txt").write_text("hello from public")
    (public / "css" / "site.css").write_text("body { color: red; }")
    (public / ".env").write_text(SECRET)
    (public / ".git").mkdir()
    (public / ".git" / "config").write_text(SECRET)
    (project / ".env").write_text(SECRET)
    (project / "secret.txt").write_text(SECRET)
    (public / "escape.txt").symlink_to(project / "secret.txt")
    (public / "alias.txt").symlink_to(public / ".env")
    with ExitStack() as servers:
        yield reactor_in(servers, folder)(project, "--interface", request.param), project


@pytest.fixture
def served(served_project: tuple[Server, Path]) -> Server:
    return served_project[0]


def get(
    server: Server, raw_path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    """The status, headers and body of a request for ``raw_path`` sent exactly as written."""
    connection = http.client.HTTPConnection(HOST, server.port, timeout=10)
    try:
        connection.request(method, raw_path, headers=headers or {})
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def test_a_public_file_is_served(served: Server) -> None:
    status, headers, body = get(served, "/static/hello.txt")

    assert (status, body) == (200, "hello from public"), served.output()
    assert headers["content-type"] == "text/plain"
    assert headers["cache-control"] == "max-age=86400"


def test_files_in_subfolders_are_served_with_their_type(served: Server) -> None:
    status, headers, body = get(served, "/static/css/site.css")

    assert (status, headers["content-type"], body) == (200, "text/css", "body { color: red; }")


def test_public_files_carry_validators_and_answer_conditional_gets(served: Server) -> None:
    _, headers, _ = get(served, "/static/hello.txt")

    assert headers["content-length"] == str(len("hello from public"))
    assert headers["accept-ranges"] == "bytes"
    revalidated = get(served, "/static/hello.txt", headers={"If-None-Match": headers["etag"]})
    assert revalidated[0] == 304 and revalidated[2] == ""


def test_a_single_range_of_a_public_file_gets_206(served: Server) -> None:
    status, headers, body = get(served, "/static/hello.txt", headers={"Range": "bytes=6-9"})

    assert (status, headers["content-range"], body) == (206, "bytes 6-9/17", "from")


def test_head_answers_without_a_body(served: Server) -> None:
    status, headers, body = get(served, "/static/hello.txt", method="HEAD")

    assert (status, headers["content-type"], body) == (200, "text/plain", "")


@pytest.mark.parametrize(
    "raw_path",
    [
        "/static/.env",
        "/static/%2eenv",
        "/static/%2Eenv",
        "/static/.git/config",
        "/static/css/../.env",
        "/static/css/..%2f.env",
        "/static/alias.txt",
    ],
)
def test_dotfiles_are_never_served(served: Server, raw_path: str) -> None:
    status, _, body = get(served, raw_path)

    assert status == 404, served.output()
    assert SECRET not in body


@pytest.mark.parametrize(
    "raw_path",
    [
        "/static/../../.env",
        "/static/../secret.txt",
        "/static/../../../secret.txt",
        "/static/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        "/static/%2E%2E%2F%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/static/css/..%2f..%2f..%2f..%2fsecret.txt",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/css%5c..%5c..%5c..%5csecret.txt",
        "/static/escape.txt",
    ],
)
def test_nothing_outside_the_folder_is_served(served: Server, raw_path: str) -> None:
    status, _, body = get(served, raw_path)

    assert status == 404, served.output()
    assert SECRET not in body
    assert "root:" not in body


def test_files_added_while_running_follow_the_same_rules(
    served_project: tuple[Server, Path],
) -> None:
    served, project = served_project
    public = project / "storage" / "app" / "public"
    (public / "late.txt").write_text("added later")
    (public / ".late").write_text(SECRET)
    os.symlink(project / "secret.txt", public / "late-link.txt")

    assert get(served, "/static/late.txt")[::2] == (200, "added later")
    assert get(served, "/static/.late")[0] == 404
    assert get(served, "/static/late-link.txt")[0] == 404


def test_a_missing_file_gets_the_application_404(served: Server) -> None:
    status, _, _ = get(served, "/static/missing.txt")

    assert status == 404


def test_other_routes_still_reach_the_application(served: Server) -> None:
    assert get(served, "/greeting")[::2] == (200, "hello")
    assert get(served, "/staticx")[0] == 404


def test_route_and_folder_are_configurable(reactor: Reactor, project: Path) -> None:
    assets = project / "assets"
    assets.mkdir()
    (assets / "app.js").write_text("console.log(1)")
    server = reactor(project, env={"STATIC_PATH": "assets", "STATIC_ROUTE": "/build"})

    status, headers, body = get(server, "/build/app.js")

    assert (status, body) == (200, "console.log(1)"), server.output()
    assert "javascript" in headers["content-type"]
    assert get(server, "/static/app.js")[0] == 404
