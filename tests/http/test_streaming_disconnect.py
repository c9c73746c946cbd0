"""Streams and files through both interfaces of a booted application: a client that leaves
mid-stream closes the generator or the file; a client that stays gets every byte."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from orionis.foundation.application import Application
from orionis.http import FileResponse
from orionis.testing import isolated_process
from tests.http.streams import boot_app, fetch, log, open_handles

INTERFACES = pytest.mark.parametrize("interface", ["rsgi", "asgi"])
STALL = pytest.mark.parametrize("stall", [False, True], ids=["leaves", "leaves-mid-write"])

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="open files are counted through /proc/self/fd"
)


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[Application]:
    log.clear()
    with isolated_process():
        application = await boot_app(tmp_path / "project")
        try:
            yield application
        finally:
            await application.shutdown()


CONTENT = os.urandom(FileResponse.chunk_size * 8 + 123)
"""The served file: eight chunks and a bit."""


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.bin"
    path.write_bytes(CONTENT)
    return path.resolve()


def query(path: Path) -> bytes:
    return b"path=" + str(path).encode()


# ----------------------------------------------------------------------------------- streams


@INTERFACES
@pytest.mark.parametrize("path", ["/stream", "/sync-stream"])
async def test_a_completed_stream_sends_every_byte(
    app: Application, interface: str, path: str
) -> None:
    fetched = await fetch(app, interface, "GET", path, query=b"n=2000")
    prefix = "s" if path == "/sync-stream" else ""
    assert fetched.body == "".join(f"{prefix}{n}\n" for n in range(2000)).encode()
    assert len(fetched.chunks) >= 2000
    assert fetched.header("content-type") == "text/plain; charset=utf-8"
    assert interface == "rsgi" or fetched.complete


@INTERFACES
@STALL
@pytest.mark.parametrize(
    ("path", "closed"),
    [
        ("/endless-stream", "endless stream closed"),
        ("/endless-sync-stream", "endless sync stream closed"),
    ],
)
async def test_a_disconnect_closes_the_generator(
    app: Application, interface: str, stall: bool, path: str, closed: str
) -> None:
    fetched = await fetch(app, interface, "GET", path, disconnect_after=3, stall=stall)
    assert len(fetched.chunks) == 3
    assert log == [closed]
    assert not fetched.complete


# ------------------------------------------------------------------------------------- files


@INTERFACES
async def test_a_whole_file_arrives(app: Application, interface: str, data_file: Path) -> None:
    fetched = await fetch(app, interface, "GET", "/file", query=query(data_file))
    assert fetched.status == 200
    assert fetched.body == CONTENT
    assert fetched.header("content-length") == str(len(CONTENT))
    # RSGI hands the path to Granian, which sends it; ASGI streams it in chunks.
    assert fetched.kind == ("file" if interface == "rsgi" else "http.response.body")
    assert interface == "rsgi" or len(fetched.chunks) == 10  # 9 chunks and the end
    assert open_handles(data_file) == 0


async def test_asgi_servers_with_pathsend_get_the_path(app: Application, data_file: Path) -> None:
    fetched = await fetch(app, "asgi", "GET", "/file", query=query(data_file), pathsend=True)
    assert fetched.kind == "http.response.pathsend"
    assert fetched.body == CONTENT


@INTERFACES
@pytest.mark.parametrize("file_range", [True, False], ids=["file-range", "no-file-range"])
async def test_a_range_arrives(
    app: Application, interface: str, data_file: Path, file_range: bool
) -> None:
    end = FileResponse.chunk_size * 3 + 17
    fetched = await fetch(
        app,
        interface,
        "GET",
        "/file",
        query=query(data_file),
        headers=[("range", f"bytes=100-{end}")],
        file_range=file_range,
    )
    assert fetched.status == 206
    assert fetched.header("content-range") == f"bytes 100-{end}/{len(CONTENT)}"
    assert fetched.body == CONTENT[100 : end + 1]
    if interface == "rsgi":
        # Granian >= 2.2 sends ranges itself; older servers get them streamed.
        assert fetched.kind == ("file_range" if file_range else "stream")
    assert open_handles(data_file) == 0


@STALL
@pytest.mark.parametrize(
    ("interface", "ranged"),
    # RSGI sends whole files from Granian: no Python file is open for it to close.
    [("asgi", False), ("asgi", True), ("rsgi", True)],
    ids=["asgi-whole", "asgi-range", "rsgi-range"],
)
async def test_a_disconnect_mid_file_closes_it(
    app: Application, interface: str, data_file: Path, stall: bool, ranged: bool
) -> None:
    fetched = await fetch(
        app,
        interface,
        "GET",
        "/file",
        query=query(data_file),
        headers=[("range", "bytes=10-")] if ranged else [],
        disconnect_after=2,
        stall=stall,
        file_range=False,
        probe=lambda: open_handles(data_file),
    )
    assert fetched.status == (206 if ranged else 200)
    assert fetched.on_chunk == [1, 1]  # the file was open while it was sent...
    assert open_handles(data_file) == 0  # ...and is closed once the client left
    offset = 10 if ranged else 0
    chunk = FileResponse.chunk_size
    assert fetched.body == CONTENT[offset : offset + 2 * chunk]
    assert not fetched.complete
