"""The RSGI adapter, driven through thin recorders of Granian's scope and protocol."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from granian.rsgi import ProtocolClosed  # type: ignore[attr-defined]

from orionis.http.exceptions import BadRequest
from orionis.http.file_response import FileResponse
from orionis.http.response import JsonResponse
from orionis.http.rsgi import request_from_rsgi, send_rsgi
from orionis.http.streaming import StreamingResponse


class Scope:
    """An RSGI HTTP scope as Granian fills it."""

    proto = "http"
    rsgi_version = "1.5"
    http_version = "1.1"
    server = "127.0.0.1:8000"
    client = "10.1.2.3:50123"
    scheme = "http"
    method = "POST"
    path = "/items/é"
    query_string = "a=1&a=2"
    authority = None

    def __init__(self, headers: list[tuple[str, str]]) -> None:
        self.headers = HeaderMap(headers)


class HeaderMap:
    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def items(self) -> list[tuple[str, str]]:
        return list(self.pairs)

    def get(self, key: str, default: Any = None) -> Any:
        return next((v for k, v in self.pairs if k == key), default)


class Transport:
    def __init__(self, proto: Proto) -> None:
        self.proto = proto

    async def send_bytes(self, data: bytes) -> None:
        if self.proto.closed_after is not None and len(self.proto.sent) >= self.proto.closed_after:
            raise ProtocolClosed("RSGI transport is closed")
        self.proto.sent.append(data)
        if self.proto.disconnect_after == len(self.proto.sent):
            self.proto.disconnected.set()
        await asyncio.sleep(0)


class Proto:
    """Records every response call; the body arrives in ``chunks``."""

    def __init__(self, chunks: list[bytes] = ()) -> None:  # type: ignore[assignment]
        self.chunks = list(chunks)
        self.calls: list[tuple[Any, ...]] = []
        self.sent: list[bytes] = []
        self.disconnected = asyncio.Event()
        self.disconnect_after: int | None = None
        self.closed_after: int | None = None

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk

    async def client_disconnect(self) -> None:
        await self.disconnected.wait()

    def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.calls.append(("bytes", status, headers, body))

    def response_file(self, status: int, headers: list[tuple[str, str]], file: str) -> None:
        self.calls.append(("file", status, headers, file))

    def response_stream(self, status: int, headers: list[tuple[str, str]]) -> Transport:
        self.calls.append(("stream", status, headers))
        return Transport(self)


class RangeProto(Proto):
    def response_file_range(
        self, status: int, headers: list[tuple[str, str]], file: str, start: int, end: int
    ) -> None:
        self.calls.append(("file_range", status, file, start, end))


async def test_request_reads_the_scope_and_the_body() -> None:
    scope = Scope([("host", "example.com"), ("x-a", "1"), ("x-a", "2"), ("cookie", "s=1")])
    request = request_from_rsgi(scope, Proto([b'{"a":', b"1}"]), 1024)  # type: ignore[arg-type]
    assert (request.method, request.path, request.http_version) == ("POST", "/items/é", "1.1")
    assert request.query.get_all("a") == ["1", "2"]
    assert request.headers.get_all("X-A") == ["1", "2"]
    assert request.cookies == {"s": "1"}
    assert request.client == "10.1.2.3"
    assert (request.host, request.port) == ("example.com", 80)
    assert request.url == "http://example.com/items/%C3%A9?a=1&a=2"
    assert await request.body() == b'{"a":1}'


async def test_server_address_is_used_without_host_header_on_http_1_0() -> None:
    scope = Scope([])
    scope.http_version = "1"  # what Granian reports for HTTP/1.0
    request = request_from_rsgi(scope, Proto(), 1024)  # type: ignore[arg-type]
    assert (request.host, request.port) == ("127.0.0.1", 8000)


async def test_http_1_1_without_host_header_is_a_bad_request() -> None:
    request = request_from_rsgi(Scope([]), Proto(), 1024)  # type: ignore[arg-type]
    with pytest.raises(BadRequest, match="Invalid Host header"):
        _ = request.url


async def test_bytes_responses_go_out_in_one_call_with_the_prebuilt_headers() -> None:
    proto = Proto()
    response = JsonResponse({"ok": True}, status=201)
    await send_rsgi(response, proto)  # type: ignore[arg-type]
    assert proto.calls == [("bytes", 201, response.raw_headers, b'{"ok":true}')]
    assert proto.calls[0][2] is response.raw_headers


async def test_files_use_the_native_file_call(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789")
    proto = Proto()
    response = FileResponse(path)
    await send_rsgi(response, proto)  # type: ignore[arg-type]
    assert proto.calls == [("file", 200, response.raw_headers, str(path))]


async def test_ranges_use_the_native_range_call_with_an_exclusive_end(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789")
    response = FileResponse(path)
    response.range, response.status_code = (2, 5), 206
    proto = RangeProto()
    await send_rsgi(response, proto)  # type: ignore[arg-type]
    assert proto.calls == [("file_range", 206, str(path), 2, 5)]


async def test_ranges_are_streamed_when_the_server_has_no_range_call(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789")
    response = FileResponse(path)
    response.range, response.status_code = (2, 5), 206
    proto = Proto()
    await send_rsgi(response, proto)  # type: ignore[arg-type]
    assert proto.calls == [("stream", 206, response.raw_headers)]
    assert b"".join(proto.sent) == b"234"


async def test_streams_send_every_chunk_then_close_the_generator() -> None:
    closed: list[bool] = []

    async def chunks() -> AsyncIterator[str]:
        try:
            yield "a"
            yield "b"
        finally:
            closed.append(True)

    proto = Proto()
    response = StreamingResponse(chunks(), media_type="text/plain")
    await send_rsgi(response, proto)  # type: ignore[arg-type]
    assert proto.calls == [("stream", 200, response.raw_headers)]
    assert proto.sent == [b"a", b"b"]
    assert closed == [True]


async def test_client_disconnect_stops_and_closes_the_generator() -> None:
    closed: list[bool] = []

    async def forever() -> AsyncIterator[bytes]:
        try:
            while True:
                yield b"tick"
        finally:
            closed.append(True)

    proto = Proto()
    proto.disconnect_after = 2
    await send_rsgi(StreamingResponse(forever()), proto)  # type: ignore[arg-type]
    assert proto.sent[:2] == [b"tick", b"tick"]
    assert closed == [True]


async def test_a_closed_transport_ends_the_stream_quietly() -> None:
    closed: list[bool] = []

    async def forever() -> AsyncIterator[bytes]:
        try:
            while True:
                yield b"tick"
        finally:
            closed.append(True)

    proto = Proto()
    proto.closed_after = 1
    await send_rsgi(StreamingResponse(forever()), proto)  # type: ignore[arg-type]
    assert proto.sent == [b"tick"]
    assert closed == [True]


async def test_errors_inside_the_generator_propagate_after_closing() -> None:
    async def broken() -> AsyncIterator[bytes]:
        yield b"first"
        raise ValueError("database went away")

    proto = Proto()
    with pytest.raises(ValueError, match="database went away"):
        await send_rsgi(StreamingResponse(broken()), proto)  # type: ignore[arg-type]
    assert proto.sent == [b"first"]


async def test_head_streams_send_headers_only() -> None:
    proto = Proto()
    response = StreamingResponse([b"never"])
    response.sends_body = False
    await send_rsgi(response, proto)  # type: ignore[arg-type]
    assert proto.calls == [("stream", 200, response.raw_headers)]
    assert proto.sent == []
