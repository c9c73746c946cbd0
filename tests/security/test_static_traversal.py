"""A secret planted outside the public folder, in its dotfiles and behind symbolic links is never
served by a real ``reactor serve`` (RSGI and ASGI), whatever the request target: raw and
encoded ``..``, double and overlong encodings, backslashes, NUL, absolute and very long paths,
through the public files (``/static``) and through routes sending a client-named file
(``FileResponse.from_folder``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from urllib.parse import quote

import pytest

from tests.integration.serve.reactor import reactor_in
from tests.security.static_corpus import (
    SECRET,
    RawResponse,
    as_server_path,
    hostile_names,
    raw_request,
    server_targets,
    write_file_project,
)
from tests.support.servers import Server

REFUSED = (400, 404)
PASSWD = b"root:x:0:0"


@pytest.fixture(scope="module", params=["rsgi", "asgi"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """``reactor serve`` of the trapped project, with the interface of the param."""
    folder = tmp_path_factory.mktemp(f"traversal-{request.param}")
    project, _ = write_file_project(folder / "project")
    with ExitStack() as servers:
        yield reactor_in(servers, folder)(project, "--interface", request.param)


def leaks(response: RawResponse) -> list[str]:
    """What is wrong with the answer to a hostile request (empty when nothing)."""
    problems = []
    if response.status not in REFUSED:
        problems.append(f"status {response.status}")
    if SECRET.encode() in response.head + response.body:
        problems.append("the secret was sent")
    if PASSWD in response.body:
        problems.append("/etc/passwd was sent")
    return problems


def attack(server: Server, targets: list[bytes], method: bytes) -> dict[str, list[str]]:
    found = {}
    for target in targets:
        problems = leaks(raw_request(server.port, target, method))
        if problems:
            found[target[:120].decode(errors="replace")] = problems
    return found


def test_the_corpus_is_large_enough() -> None:
    assert len(hostile_names()) >= 60


def test_servable_files_are_served(served: Server) -> None:
    # The control: the same server and client do serve files, so a refusal below means
    # something.
    static = raw_request(served.port, b"/static/hello.txt")
    nested = raw_request(served.port, b"/static/sub/visible.txt")
    routed = raw_request(served.port, b"/files/sub/visible.txt")
    download = raw_request(served.port, b"/download?name=sub%2Fvisible.txt")

    assert (static.status, static.body) == (200, b"hello from public"), served.output()
    assert (nested.status, nested.body) == (200, b"visible")
    assert (routed.status, routed.body) == (200, b"visible")
    assert (download.status, download.body) == (200, b"visible")
    assert download.header("content-disposition") == 'attachment; filename="visible.txt"'


@pytest.mark.parametrize("method", [b"GET", b"HEAD"])
def test_public_files_never_serve_the_secret(served: Server, method: bytes) -> None:
    assert attack(served, server_targets("/static/"), method) == {}, served.output()


@pytest.mark.parametrize("method", [b"GET", b"HEAD"])
def test_a_route_with_a_client_named_file_never_serves_the_secret(
    served: Server, method: bytes
) -> None:
    assert attack(served, server_targets("/files/"), method) == {}, served.output()


def test_a_client_named_download_never_serves_the_secret(served: Server) -> None:
    # The name arrives in the query string: sent as written (its %2e stays literal for the
    # application) and as the server would decode it in a path (then the app sees "..").
    names = {name for raw in hostile_names() for name in (raw, as_server_path(raw))}
    targets = [f"/download?name={quote(name, safe='')}".encode() for name in sorted(names)]

    assert attack(served, targets, b"GET") == {}, served.output()
