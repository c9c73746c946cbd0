"""FileResponse: validators, conditional GET, ranges, HEAD and download names."""

from __future__ import annotations

import os
from email.utils import formatdate
from pathlib import Path

import pytest

from orionis.http.exceptions import MissingFileError
from orionis.http.file_response import (
    UNSATISFIABLE,
    FileResponse,
    content_disposition,
    parse_range,
)
from tests.http.conftest import RequestFactory

CONTENT = b"0123456789"


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.txt"
    path.write_bytes(CONTENT)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    return path


def test_headers_describe_the_file(data_file: Path) -> None:
    response = FileResponse(data_file)
    info = data_file.stat()
    assert response.status_code == 200
    assert response.path == str(data_file)
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.headers["content-length"] == "10"
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["last-modified"] == "Tue, 14 Nov 2023 22:13:20 GMT"
    assert response.headers["etag"] == f'"{info.st_mtime_ns:x}-{info.st_size:x}"'
    assert "content-disposition" not in response.headers


def test_download_name_sets_an_attachment_and_the_media_type(data_file: Path) -> None:
    response = FileResponse(data_file, filename="Report 2024.pdf")
    assert response.headers["content-disposition"] == 'attachment; filename="Report 2024.pdf"'
    assert response.headers["content-type"] == "application/pdf"


def test_non_ascii_download_names_use_rfc_5987() -> None:
    assert content_disposition('résumé "final".txt') == (
        'attachment; filename="resume \\"final\\".txt"; '
        "filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.txt"
    )
    assert content_disposition("日本.txt") == (
        "attachment; filename=\".txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt"
    )


def test_explicit_media_type_and_unknown_extensions(data_file: Path, tmp_path: Path) -> None:
    assert FileResponse(data_file, media_type="x/y").headers["content-type"] == "x/y"
    odd = tmp_path / "blob.unknownext"
    odd.write_bytes(b"")
    assert FileResponse(odd).headers["content-type"] == "application/octet-stream"


def test_missing_files_and_directories_are_refused(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError) as caught:
        FileResponse(tmp_path / "nope.txt")
    assert str(caught.value) == (
        f"FileResponse cannot send {str(tmp_path / 'nope.txt')!r}: it is not an existing "
        "regular file. Check the path (relative paths start at the working directory)."
    )
    with pytest.raises(MissingFileError):
        FileResponse(tmp_path)


def test_matching_etag_gives_304_without_body_headers(
    data_file: Path, make_request: RequestFactory
) -> None:
    response = FileResponse(data_file)
    request = make_request(headers=[("if-none-match", f'"other", W/{response.etag}')])
    prepared = response.prepare(request)
    assert prepared.status_code == 304
    assert prepared.headers["etag"] == response.etag
    assert "content-length" not in prepared.headers
    assert "content-type" not in prepared.headers


def test_if_modified_since(data_file: Path, make_request: RequestFactory) -> None:
    response = FileResponse(data_file)
    same = make_request(headers=[("if-modified-since", response.last_modified)])
    assert response.prepare(same).status_code == 304
    older = make_request(headers=[("if-modified-since", formatdate(1_600_000_000, usegmt=True))])
    assert FileResponse(data_file).prepare(older).status_code == 200
    junk = make_request(headers=[("if-modified-since", "yesterday")])
    assert FileResponse(data_file).prepare(junk).status_code == 200


def test_non_matching_etag_ignores_if_modified_since(
    data_file: Path, make_request: RequestFactory
) -> None:
    response = FileResponse(data_file)
    request = make_request(
        headers=[("if-none-match", '"other"'), ("if-modified-since", response.last_modified)]
    )
    assert response.prepare(request).status_code == 200


def test_single_range_gives_206(data_file: Path, make_request: RequestFactory) -> None:
    response = FileResponse(data_file)
    prepared = response.prepare(make_request(headers=[("range", "bytes=2-4")]))
    assert prepared is response
    assert response.status_code == 206
    assert response.range == (2, 5)
    assert response.headers["content-range"] == "bytes 2-4/10"
    assert response.headers["content-length"] == "3"


def test_unsatisfiable_range_gives_416(data_file: Path, make_request: RequestFactory) -> None:
    prepared = FileResponse(data_file).prepare(make_request(headers=[("range", "bytes=10-")]))
    assert prepared.status_code == 416
    assert prepared.headers["content-range"] == "bytes */10"
    assert prepared.body == b""


def test_multiple_ranges_get_the_whole_file(data_file: Path, make_request: RequestFactory) -> None:
    response = FileResponse(data_file)
    prepared = response.prepare(make_request(headers=[("range", "bytes=0-1,4-5")]))
    assert prepared.status_code == 200 and response.range is None


def test_repeated_range_headers_get_the_whole_file(
    data_file: Path, make_request: RequestFactory
) -> None:
    response = FileResponse(data_file)
    request = make_request(headers=[("range", "bytes=0-1"), ("range", "bytes=4-5")])
    assert response.prepare(request).status_code == 200 and response.range is None


def test_a_weak_if_range_never_matches(data_file: Path, make_request: RequestFactory) -> None:
    response = FileResponse(data_file)
    weak = make_request(headers=[("range", "bytes=0-1"), ("if-range", f"W/{response.etag}")])
    assert response.prepare(weak).status_code == 200


def test_if_range_with_an_old_validator_sends_the_whole_file(
    data_file: Path, make_request: RequestFactory
) -> None:
    stale = make_request(headers=[("range", "bytes=0-1"), ("if-range", '"old"')])
    assert FileResponse(data_file).prepare(stale).status_code == 200
    response = FileResponse(data_file)
    fresh = make_request(headers=[("range", "bytes=0-1"), ("if-range", response.etag)])
    assert response.prepare(fresh).status_code == 206


def test_head_keeps_the_headers_without_a_body(
    data_file: Path, make_request: RequestFactory
) -> None:
    prepared = FileResponse(data_file).prepare(make_request("HEAD"))
    assert not prepared.streamed
    assert prepared.body == b""
    assert prepared.headers["content-length"] == "10"
    ranged = FileResponse(data_file).prepare(make_request("HEAD", headers=[("range", "bytes=-3")]))
    assert ranged.status_code == 206
    assert ranged.headers["content-range"] == "bytes 7-9/10"


def test_other_methods_ignore_validators(data_file: Path, make_request: RequestFactory) -> None:
    response = FileResponse(data_file)
    request = make_request("POST", headers=[("if-none-match", "*"), ("range", "bytes=0-1")])
    assert response.prepare(request) is response and response.status_code == 200


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-0", (0, 0)),
        ("bytes=3-", (3, 9)),
        ("bytes=-4", (6, 9)),
        ("bytes=-40", (0, 9)),
        ("bytes=5-100", (5, 9)),
        ("bytes=10-12", UNSATISFIABLE),
        ("bytes=10-", UNSATISFIABLE),
        ("bytes=-0", UNSATISFIABLE),
        ("bytes=4-2", None),
        ("items=0-1", None),
        ("bytes=a-b", None),
        ("bytes=1", None),
        ("bytes=0-1,3-4", None),
        ("bytes=0-" + "9" * 5000, (0, 9)),
        ("bytes=" + "9" * 5000 + "-", UNSATISFIABLE),
        ("bytes=-" + "9" * 5000, (0, 9)),
        ("bytes=\u00b2-\u00b3", None),
        ("bytes=--1", None),
        ("bytes=-", None),
        ("bytes 0-5", None),
        ("bytes=12-11", None),
        ("bytes=+1-2", None),
    ],
)
def test_parse_range(header: str, expected: object) -> None:
    assert parse_range(header, 10) == expected


async def test_iter_chunks_reads_the_range_in_chunks(
    data_file: Path, make_request: RequestFactory
) -> None:
    class SmallChunks(FileResponse):
        __slots__ = ()
        chunk_size = 2

    response = SmallChunks(data_file)
    response.prepare(make_request(headers=[("range", "bytes=1-6")]))
    assert [chunk async for chunk in response.iter_chunks()] == [b"12", b"34", b"56"]
