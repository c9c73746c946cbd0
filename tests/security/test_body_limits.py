"""Body and form limits through both kernels in process: each limit of config/http.py is
answered 413 (or 408 for ``body_read_timeout``) with a reason naming the setting, is checked
as the bytes arrive (never after buffering what passes it), and leaves bodies within it alone.
tests/integration/test_body_streaming.py proves the size and time limits on real Granian."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from orionis.foundation.application import Application
from orionis.http import body as body_reading
from orionis.http.body import BodyLimits, read_all
from orionis.http.exceptions import PayloadTooLarge, RequestTimeout
from orionis.http.form import parse_multipart
from orionis.testing import TestClient
from tests.integration.projects import write_project
from tests.security.web_app import booted_web_app
from tests.support.drivers import RSGIProto, RSGIScope, asgi_scope

pytestmark = pytest.mark.kernels("rsgi", "asgi")

LIMITS = BodyLimits(
    max_body_size=64 * 1024,
    read_timeout=1.0,
    max_form_parts=5,
    max_form_files=2,
    max_form_field_size=100,
    max_form_pairs=10,
)
JSON = {"accept": "application/json"}

PROJECT = {
    "config/http.py": f"""
        max_body_size = {LIMITS.max_body_size}
        body_read_timeout = {LIMITS.read_timeout}
        max_form_parts = {LIMITS.max_form_parts}
        max_form_files = {LIMITS.max_form_files}
        max_form_field_size = {LIMITS.max_form_field_size}
        max_form_pairs = {LIMITS.max_form_pairs}
    """,
    "routes/web.py": """
        from orionis.http import Request, UploadedFile
        from orionis.routing import Route


        async def form(request: Request):
            data = await request.form()
            return {
                "fields": len(data.fields().multi_items()),
                "files": [[f.filename, f.size] for _, f in data.files().multi_items()],
            }


        async def raw(request: Request):
            return {"size": len(await request.body())}


        Route.post("/form", form)
        Route.post("/raw", raw)
    """,
}


@pytest.fixture
async def limited(tmp_path: Path) -> AsyncIterator[Application]:
    """The booted project above: every limit small enough to pass in a test."""
    async with booted_web_app(write_project(tmp_path / "project", PROJECT)) as app:
        yield app


@pytest.fixture
def client(limited: Application, kernel: str) -> TestClient:
    return TestClient(limited, kernel=kernel)


def multipart(fields: int = 0, files: int = 0, field_size: int = 1) -> dict[str, Any]:
    """Request options for a multipart body of ``fields`` text fields and ``files`` files."""
    parts = [
        f'--B\r\nContent-Disposition: form-data; name="f{i}"\r\n\r\n'.encode()
        + b"v" * field_size
        + b"\r\n"
        for i in range(fields)
    ]
    parts += [
        f'--B\r\nContent-Disposition: form-data; name="u{i}"; filename="u{i}.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n0123456789\r\n".encode()
        for i in range(files)
    ]
    content = b"".join(parts) + b"--B--\r\n"
    return {
        "content": content,
        "headers": {**JSON, "content-type": "multipart/form-data; boundary=B"},
    }


def refused_by(setting: str) -> Callable[[Any], bool]:
    def check(response: Any) -> bool:
        return response.status == 413 and setting in response.json()["message"]

    return check


# ------------------------------------------------------------------------------- forms


async def test_urlencoded_pairs_up_to_max_form_pairs_are_read(client: TestClient) -> None:
    data = {f"k{i}": "v" for i in range(LIMITS.max_form_pairs)}
    response = await client.post("/form", data=data, headers=JSON)
    assert (response.status, response.json()["fields"]) == (200, LIMITS.max_form_pairs)


async def test_one_pair_more_than_max_form_pairs_is_413(client: TestClient) -> None:
    data = {f"k{i}": "v" for i in range(LIMITS.max_form_pairs + 1)}
    response = await client.post("/form", data=data, headers=JSON)
    assert refused_by("max_form_pairs")(response), response.text


async def test_parts_up_to_max_form_parts_are_read(client: TestClient) -> None:
    response = await client.post("/form", **multipart(fields=LIMITS.max_form_parts))
    assert (response.status, response.json()["fields"]) == (200, LIMITS.max_form_parts)


async def test_one_part_more_than_max_form_parts_is_413(client: TestClient) -> None:
    response = await client.post("/form", **multipart(fields=LIMITS.max_form_parts + 1))
    assert refused_by("max_form_parts")(response), response.text


async def test_files_up_to_max_form_files_are_read(client: TestClient) -> None:
    response = await client.post("/form", **multipart(files=LIMITS.max_form_files))
    assert response.status == 200
    assert response.json()["files"] == [["u0.txt", 10], ["u1.txt", 10]]


async def test_one_file_more_than_max_form_files_is_413(client: TestClient) -> None:
    response = await client.post("/form", **multipart(files=LIMITS.max_form_files + 1))
    assert refused_by("max_form_files")(response), response.text


async def test_a_field_of_max_form_field_size_is_read(client: TestClient) -> None:
    options = multipart(fields=1, field_size=LIMITS.max_form_field_size)
    assert (await client.post("/form", **options)).status == 200


async def test_a_field_one_byte_over_max_form_field_size_is_413(client: TestClient) -> None:
    options = multipart(fields=1, field_size=LIMITS.max_form_field_size + 1)
    response = await client.post("/form", **options)
    assert refused_by("max_form_field_size")(response), response.text


async def test_files_are_not_bound_by_the_field_size(client: TestClient) -> None:
    big = b"z" * (LIMITS.max_form_field_size * 10)
    response = await client.post("/form", files={"doc": ("doc.bin", big)}, headers=JSON)
    assert (response.status, response.json()["files"]) == (200, [["doc.bin", len(big)]])


# ------------------------------------------------------------------------------- size


async def test_a_declared_body_over_max_body_size_is_413_and_closes(client: TestClient) -> None:
    response = await client.post("/raw", content=b"x" * (LIMITS.max_body_size + 1), headers=JSON)
    assert refused_by("max_body_size")(response), response.text
    assert response.headers["connection"] == "close"


# ------------------------------------------------------------ bounded while parsing


class Pulled:
    """A body source that counts the chunks the reader asked for."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks, self.pulled = chunks, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            self.pulled += 1
            yield chunk


def split(body: bytes, size: int) -> list[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)]


@pytest.mark.kernels()
@pytest.mark.parametrize(
    ("fields", "field_size", "setting"),
    [(1, 1024 * 1024, "max_form_field_size"), (5000, 1, "max_form_parts")],
)
async def test_a_form_is_refused_as_the_chunk_passing_the_limit_arrives(
    fields: int, field_size: int, setting: str
) -> None:
    options = multipart(fields=fields, field_size=field_size)
    source = Pulled(split(options["content"], 1024))
    content_type = options["headers"]["content-type"]
    with pytest.raises(PayloadTooLarge, match=setting):
        await parse_multipart(content_type, source.__aiter__(), LIMITS)
    # The limit is passed within the first ~1 KiB of the field or the part headers.
    assert source.pulled <= 2 + (LIMITS.max_form_field_size + 2048) // 1024
    assert source.pulled < len(source.chunks) / 10


# ------------------------------------------------------------------------------- time


class ChunkedProto(RSGIProto):
    """Granian's protocol object with a body in ``chunks``, then (``stall``) nothing more."""

    def __init__(self, chunks: list[bytes], stall: bool) -> None:
        super().__init__(b"", None)
        self._chunks, self._stall = chunks, stall

    async def __aiter__(self) -> AsyncIterator[bytes]:  # type: ignore[override]
        for chunk in self._chunks:
            yield chunk
        if self._stall:
            await asyncio.sleep(3600)


async def post_chunks(
    app: Application, kernel: str, chunks: list[bytes], *, stall: bool = False
) -> tuple[int, dict[str, str], bytes]:
    """POST /raw with a body sent in ``chunks`` and no Content-Length (chunked), through the
    kernel's own interface; ``stall``: the client then sends nothing more, nor ends the body."""
    headers = [("transfer-encoding", "chunked"), *JSON.items()]
    if kernel == "rsgi":
        proto = ChunkedProto(chunks, stall)
        await app.__rsgi__(RSGIScope("POST", "/raw", b"", headers), proto)  # type: ignore[attr-defined]
        result = proto.result()
        return result.status, dict(result.headers.pairs), result.body
    sent: list[dict[str, Any]] = []
    incoming = [{"type": "http.request", "body": chunk, "more_body": True} for chunk in chunks]
    incoming.reverse()

    async def receive() -> dict[str, Any]:
        if incoming:
            return incoming.pop()
        if stall:
            await asyncio.sleep(3600)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(asgi_scope("POST", "/raw", b"", headers), receive, send)
    response_headers = {k.decode(): v.decode() for k, v in sent[0]["headers"]}
    return sent[0]["status"], response_headers, b"".join(m.get("body", b"") for m in sent[1:])


async def test_a_chunked_body_over_max_body_size_is_413(limited: Application, kernel: str) -> None:
    chunks = [b"x" * 1024] * (LIMITS.max_body_size // 1024) + [b"x"]
    status, headers, body = await post_chunks(limited, kernel, chunks)
    assert (status, headers["connection"]) == (413, "close")
    assert b"max_body_size" in body


async def test_a_chunked_body_at_max_body_size_is_read(limited: Application, kernel: str) -> None:
    chunks = [b"x" * 1024] * (LIMITS.max_body_size // 1024)
    status, _, body = await post_chunks(limited, kernel, chunks)
    assert (status, body) == (200, b'{"size":%d}' % LIMITS.max_body_size)


async def test_a_body_slower_than_body_read_timeout_is_408(
    limited: Application, kernel: str
) -> None:
    started = time.monotonic()
    # Bounded: the 1 s timeout plus generous slack for a loaded machine.
    answer = post_chunks(limited, kernel, [b"x"], stall=True)
    status, headers, body = await asyncio.wait_for(answer, timeout=15)
    assert time.monotonic() - started >= LIMITS.read_timeout * 0.9
    assert status == 408
    assert headers["connection"] == "close"
    assert b"body_read_timeout" in body


@pytest.mark.kernels()
async def test_a_reader_busy_between_chunks_is_refused_on_its_next_read_not_cancelled() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b"a"
        yield b"b"

    reader = body_reading.limited(chunks(), BodyLimits(read_timeout=0.3))
    assert await anext(reader) == b"a"
    await asyncio.sleep(0.6)  # the handler's own work outlives the deadline: not cancelled
    with pytest.raises(RequestTimeout, match="body_read_timeout"):
        await anext(reader)


@pytest.mark.kernels()
async def test_another_cancellation_of_a_read_stays_a_cancellation() -> None:
    async def stalled() -> AsyncIterator[bytes]:
        await asyncio.sleep(3600)
        yield b""

    task = asyncio.ensure_future(read_all(stalled(), BodyLimits(read_timeout=30)))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, timeout=5)
