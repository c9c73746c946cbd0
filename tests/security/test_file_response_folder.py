"""``FileResponse.from_folder`` (a file named by the client) and the public files wrapper, in
process through both kernels: the hostile-path corpus never reaches the planted secret and
gets 404; the Range corpus gets 206, 200 or 416 as RFC 9110 allows, never a 500."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from orionis.config import unload_environment
from orionis.console.serving.public_files import PublicFiles
from orionis.foundation.application import Application
from orionis.http.exceptions import NotFound
from orionis.http.file_response import FileResponse, find_in_folder
from tests.security.static_corpus import (
    PUBLIC_CONTENT,
    RANGE_CORPUS,
    SECRET,
    as_server_path,
    hostile_names,
    range_problems,
    write_file_project,
)
from tests.support.drivers import Result, call_asgi, call_rsgi

Call = Any


@pytest.fixture(params=["rsgi", "asgi"])
def call(request: pytest.FixtureRequest) -> Call:
    """The in-process driver of the interface of the param."""
    return call_rsgi if request.param == "rsgi" else call_asgi


@pytest.fixture
def _restored() -> Iterator[None]:
    # Building an application loads its .env into os.environ and may extend sys.path.
    environ, path = dict(os.environ), list(sys.path)
    yield
    unload_environment()
    os.environ.clear()
    os.environ.update(environ)
    sys.path[:] = path


@pytest.fixture
async def project(tmp_path: Path, _restored: None) -> AsyncIterator[tuple[Application, Path]]:
    """The trapped file project, booted; and its public folder."""
    root, public = write_file_project(tmp_path / "project")
    app = Application(base_path=root)
    app.with_routing(web="routes/web.py", health="/up")
    await app.boot()
    try:
        yield app, public
    finally:
        await app.shutdown()


def refused(result: Result) -> list[str]:
    problems = [] if result.status == 404 else [f"status {result.status}"]
    sent = result.body + repr(result.headers.pairs).encode()
    return problems + (["the secret was sent"] if SECRET.encode() in sent else [])


async def test_client_named_files_are_served(project: tuple[Application, Path], call: Call) -> None:
    app, _ = project

    by_path = await call(app, "GET", "/files/sub/visible.txt")
    by_query = await call(app, "GET", "/download", query=b"name=hello.txt")

    assert (by_path.status, by_path.body) == (200, b"visible")
    assert (by_query.status, by_query.body) == (200, b"hello from public")
    assert by_query.headers["content-disposition"] == 'attachment; filename="hello.txt"'


async def test_hostile_names_in_the_path_get_404(
    project: tuple[Application, Path], call: Call
) -> None:
    app, _ = project
    found = {}
    for name in hostile_names():
        path = "/files/" + as_server_path(name)
        for method in ("GET", "HEAD"):
            problems = refused(await call(app, method, path))
            if problems:
                found[f"{method} {path[:100]}"] = problems
    assert found == {}


async def test_hostile_names_in_the_query_get_404(
    project: tuple[Application, Path], call: Call
) -> None:
    app, _ = project
    found = {}
    for name in {name for raw in hostile_names() for name in (raw, as_server_path(raw))}:
        problems = refused(await call(app, "GET", "/download", query=b"name=" + _quoted(name)))
        if problems:
            found[name[:100]] = problems
    assert found == {}


def _quoted(name: str) -> bytes:
    return quote(name, safe="").encode()


async def test_public_files_refuse_hostile_names_in_process(
    project: tuple[Application, Path], call: Call
) -> None:
    app, public = project
    wrapped = PublicFiles(app, public)
    assert (await call(wrapped, "GET", "/static/hello.txt")).body == b"hello from public"
    found = {}
    for name in hostile_names():
        path = "/static/" + as_server_path(name)
        problems = refused(await call(wrapped, "GET", path))
        if problems:
            found[path[:100]] = problems
    assert found == {}


@pytest.mark.parametrize("target", ["/data", "/static/data.bin"])
async def test_range_corpus_in_process(
    project: tuple[Application, Path], call: Call, target: str
) -> None:
    app, public = project
    wrapped = PublicFiles(app, public)
    found = {}
    for case, values, expected in RANGE_CORPUS:
        # Header values as an HTTP/1.1 server hands them over: decoded as Latin-1.
        headers = [("range", value) for value in values]
        result = await call(wrapped, "GET", target, headers=headers)
        problems = range_problems(result.status, result.headers.get, result.body, expected)
        if problems:
            found[case] = problems
    assert found == {}


def test_from_folder_raises_not_found(tmp_path: Path) -> None:
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "ok.bin").write_bytes(PUBLIC_CONTENT)
    (tmp_path / "secret.txt").write_text(SECRET)

    assert FileResponse.from_folder(tmp_path / "public", "ok.bin").size == len(PUBLIC_CONTENT)
    for name in ("../secret.txt", "/etc/passwd", "", "ok.bin\x00", "..\\secret.txt", "ok.bin/"):
        with pytest.raises(NotFound):
            FileResponse.from_folder(tmp_path / "public", name)
    assert find_in_folder(str(tmp_path / "public"), "x" * 5000) is None
