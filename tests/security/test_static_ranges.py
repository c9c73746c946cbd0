"""Range abuse against a real ``reactor serve`` (RSGI and ASGI), for public files and for a
``FileResponse`` route: thousands of ranges, overlaps, huge numbers, malformed units, repeated
Range headers and If-Range games are answered as RFC 9110 allows — one range with 206, the
whole file with 200, or 416 with ``Content-Range: bytes */size`` — never a 500, never more
bytes than the file. Every request is bounded by the client's socket timeout
(``READ_TIMEOUT``, 15 s: an answer takes milliseconds, the slack is for a loaded machine)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from tests.integration.serve.reactor import reactor_in
from tests.security.static_corpus import (
    FILE_SIZE,
    PUBLIC_CONTENT,
    RANGE_CORPUS,
    RawResponse,
    range_problems,
    raw_request,
    write_file_project,
)
from tests.support.servers import Server

FILES = ["/static/data.bin", "/data"]


@pytest.fixture(scope="module", params=["rsgi", "asgi"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """``reactor serve`` of the file project, with the interface of the param."""
    folder = tmp_path_factory.mktemp(f"ranges-{request.param}")
    project, _ = write_file_project(folder / "project")
    with ExitStack() as servers:
        yield reactor_in(servers, folder)(project, "--interface", request.param)


def ranged(server: Server, target: str, *values: str, method: bytes = b"GET") -> RawResponse:
    # Latin-1, as a header travels: non-ASCII digits arrive as single obs-text bytes.
    lines = b"".join(b"Range: " + value.encode("latin-1") + b"\r\n" for value in values)
    return raw_request(server.port, target.encode(), method, lines)


@pytest.mark.parametrize("target", FILES)
def test_range_corpus(served: Server, target: str) -> None:
    found = {}
    for case, values, expected in RANGE_CORPUS:
        response = ranged(served, target, *values)
        problems = range_problems(response.status, response.header, response.body, expected)
        if problems:
            found[case] = problems
    assert found == {}, served.output()


@pytest.mark.parametrize("target", FILES)
def test_head_answers_ranges_without_a_body(served: Server, target: str) -> None:
    partial = ranged(served, target, "bytes=0-9", method=b"HEAD")
    unsatisfiable = ranged(served, target, "bytes=5000-", method=b"HEAD")
    ignored = ranged(served, target, "bytes=0-1,5-6", method=b"HEAD")

    assert (partial.status, partial.header("content-range"), partial.body) == (
        206,
        f"bytes 0-9/{FILE_SIZE}",
        b"",
    )
    assert (unsatisfiable.status, unsatisfiable.body) == (416, b"")
    assert (ignored.status, ignored.body) == (200, b"")


@pytest.mark.parametrize("target", FILES)
def test_if_range_games(served: Server, target: str) -> None:
    whole = raw_request(served.port, target.encode())
    etag, modified = whole.header("etag"), whole.header("last-modified")
    assert whole.status == 200 and etag and modified, whole.head

    def with_if_range(value: str, range_value: str | None = "bytes=0-3") -> RawResponse:
        lines = f"If-Range: {value}\r\n" + (f"Range: {range_value}\r\n" if range_value else "")
        return raw_request(served.port, target.encode(), headers=lines.encode())

    assert with_if_range(etag).status == 206
    assert with_if_range(modified).status == 206
    for stale in ('"stale"', f"W/{etag}", "Thu, 01 Jan 1970 00:00:00 GMT", "garbage", ""):
        answer = with_if_range(stale)
        assert (answer.status, answer.body) == (200, PUBLIC_CONTENT), stale
    # If-Range alone, or with a range that cannot be satisfied anyway.
    assert with_if_range(etag, None).status == 200
    assert with_if_range(etag, "bytes=5000-").status == 416
