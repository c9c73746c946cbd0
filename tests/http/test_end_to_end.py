"""A real Granian (RSGI, then ASGI) serving tests/http/apps.py, called with httpx."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.http.apps import MAX_BODY_SIZE


@pytest.fixture
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=10) as client:
        yield client


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.txt"
    path.write_bytes(b"0123456789")
    return path


def test_request_accessors(client: httpx.Client, server: str) -> None:
    response = client.get(
        "/describe?a=1&a=2",
        headers=[("x-multi", "1"), ("x-multi", "2"), ("cookie", "s=abc; t=1")],
    )
    port = int(server.rsplit(":", 1)[1])
    assert response.json() == {
        "method": "GET",
        "scheme": "http",
        "path": "/describe",
        "url": f"{server}/describe?a=1&a=2",
        "host": "127.0.0.1",
        "port": port,
        "client": "127.0.0.1",
        "http_version": "1.1",
        "query_a": ["1", "2"],
        "header_x": ["1", "2"],
        "cookies": {"s": "abc", "t": "1"},
    }


def test_json_body(client: httpx.Client) -> None:
    assert client.post("/json", json={"a": [1, 2]}).json() == {"received": {"a": [1, 2]}}


def test_malformed_json_is_400_with_the_reason(client: httpx.Client) -> None:
    response = client.post("/json", content=b"{x", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.text.startswith("Malformed JSON body: unexpected character")


def test_wrong_content_type_is_415(client: httpx.Client) -> None:
    response = client.post("/json", content=b"{}", headers={"content-type": "text/plain"})
    assert response.status_code == 415


def test_load_and_dot_path_input(client: httpx.Client) -> None:
    payload = {"user": {"address": {"city": "Oslo"}}}
    response = client.post("/input?page=2", json=payload)
    assert response.json() == {"city": "Oslo", "all": {"page": "2", **payload}}


def test_multipart_fields_and_files(client: httpx.Client) -> None:
    response = client.post(
        "/form",
        data={"title": "hello"},
        files={"doc": ("notes.txt", b"first line\n", "text/plain")},
    )
    assert response.json() == {
        "title": "hello",
        "doc": {"filename": "notes.txt", "content_type": "text/plain", "size": 11, "head": "first"},
    }


def test_broken_multipart_is_400(client: httpx.Client) -> None:
    headers = {"content-type": "multipart/form-data"}
    response = client.post("/form", content=b"--x\r\n", headers=headers)
    assert response.status_code == 400
    assert "has no boundary" in response.text


def test_body_over_the_declared_limit_is_413(client: httpx.Client) -> None:
    response = client.post("/count", content=b"x" * (MAX_BODY_SIZE + 1))
    assert response.status_code == 413
    assert "Content-Length" in response.text


def test_chunked_body_over_the_limit_is_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY_SIZE // 4096 + 2):
            yield b"x" * 4096

    response = client.post("/count", content=chunks())
    assert response.status_code == 413
    assert "received" in response.text


def test_chunked_body_is_streamed(client: httpx.Client) -> None:
    response = client.post("/count", content=iter([b"abc", b"defg"]))
    assert response.json() == {"size": 7}


@pytest.mark.parametrize(
    ("path", "content_type", "body"),
    [
        ("/text", "text/plain; charset=utf-8", b"hello"),
        ("/html", "text/html; charset=utf-8", b"<h1>hi</h1>"),
        ("/bytes", "application/octet-stream", b"\x00\x01raw"),
    ],
)
def test_response_classes(client: httpx.Client, path: str, content_type: str, body: bytes) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert response.headers["content-length"] == str(len(body))
    assert response.content == body


def test_redirect_and_none(client: httpx.Client) -> None:
    redirect = client.get("/redirect")
    assert redirect.status_code == 303
    assert redirect.headers["location"] == "/text"
    empty = client.get("/none")
    assert (empty.status_code, empty.content) == (204, b"")


def test_cookies_with_attributes(client: httpx.Client) -> None:
    assert client.get("/cookie").headers.get_list("set-cookie") == [
        "session=abc%20def; Max-Age=60; Path=/; Secure; HttpOnly; SameSite=Strict",
        "old=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly",
    ]


def test_head_has_headers_and_no_body(client: httpx.Client) -> None:
    response = client.head("/text")
    assert response.status_code == 200
    assert response.headers["content-length"] == "5"
    assert response.content == b""


def test_unknown_path_is_404(client: httpx.Client) -> None:
    assert client.get("/nowhere").status_code == 404


def test_file_with_validators(client: httpx.Client, data_file: Path) -> None:
    response = client.get("/file", params={"path": str(data_file)})
    assert response.status_code == 200
    assert response.content == b"0123456789"
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"].endswith("GMT")


def test_file_range_416_and_304(client: httpx.Client, data_file: Path) -> None:
    params = {"path": str(data_file)}
    partial = client.get("/file", params=params, headers={"range": "bytes=2-4"})
    assert partial.status_code == 206
    assert partial.content == b"234"
    assert partial.headers["content-range"] == "bytes 2-4/10"
    assert partial.headers["content-length"] == "3"
    unsatisfiable = client.get("/file", params=params, headers={"range": "bytes=20-"})
    assert unsatisfiable.status_code == 416
    assert unsatisfiable.headers["content-range"] == "bytes */10"
    etag = partial.headers["etag"]
    cached = client.get("/file", params=params, headers={"if-none-match": etag})
    assert (cached.status_code, cached.content) == (304, b"")


def test_file_head_and_download_name(client: httpx.Client, data_file: Path) -> None:
    params = {"path": str(data_file), "name": "rapport-é.txt"}
    head = client.head("/file", params=params)
    assert head.status_code == 200
    assert head.headers["content-length"] == "10"
    assert head.content == b""
    assert head.headers["content-disposition"] == (
        "attachment; filename=\"rapport-e.txt\"; filename*=UTF-8''rapport-%C3%A9.txt"
    )


def test_streaming_async_and_sync(client: httpx.Client) -> None:
    response = client.get("/stream?n=4")
    assert response.text == "0\n1\n2\n3\n"
    assert "content-length" not in response.headers
    assert client.get("/sync-stream").text == "s0\ns1\ns2\n"


def test_disconnect_closes_the_generator(server: str, tmp_path: Path) -> None:
    marker = tmp_path / "closed"
    with (
        httpx.Client(base_url=server, timeout=10) as client,
        client.stream("GET", "/forever", params={"marker": str(marker)}) as response,
    ):
        assert next(response.iter_bytes()).startswith(b"tick")
    # Closing the client drops the connection; the server notices and closes the generator.
    deadline = time.monotonic() + 15
    while _read(marker) != "closed" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _read(marker) == "closed"


def _read(marker: Path) -> str:
    # The server may have created the file without having written it yet.
    return marker.read_text() if marker.exists() else ""
