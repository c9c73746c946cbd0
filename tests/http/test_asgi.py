"""The ASGI adapter with real scope, receive and send callables."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from orionis.http.asgi import Message, request_from_asgi, send_asgi
from orionis.http.exceptions import BadRequest
from orionis.http.file_response import FileResponse
from orionis.http.response import PlainTextResponse
from orionis.http.streaming import StreamingResponse
from tests.http.conftest import Receiver, asgi_scope


class Sender:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.watchers: list[DisconnectAfter] = []

    async def __call__(self, message: Message) -> None:
        self.messages.append(message)
        for watcher in self.watchers:
            watcher.sent()
        await asyncio.sleep(0)

    def bodies(self) -> list[bytes]:
        return [m["body"] for m in self.messages if m["type"] == "http.response.body"]


class DisconnectAfter:
    """``receive`` that reports ``http.disconnect`` once ``sender`` has sent ``count`` bodies."""

    def __init__(self, sender: Sender, count: int) -> None:
        self.sender, self.count = sender, count
        sender.watchers.append(self)
        self.gone = asyncio.Event()

    def sent(self) -> None:
        if len(self.sender.bodies()) >= self.count:
            self.gone.set()

    async def __call__(self) -> Message:
        await self.gone.wait()
        return {"type": "http.disconnect"}


async def test_request_reads_the_scope() -> None:
    scope = asgi_scope("PUT", "/p", b"x=1", [("Host", "h.io"), ("X-A", "1")], scheme="https")
    request = request_from_asgi(scope, Receiver(), 10)
    assert (request.method, request.path, request.scheme) == ("PUT", "/p", "https")
    assert request.headers["x-a"] == "1"
    assert request.query["x"] == "1"
    assert request.url == "https://h.io/p?x=1"
    assert request.client == "10.0.0.7"


async def test_body_is_received_until_more_body_is_false() -> None:
    receive = Receiver([b"ab", b"", b"cd"])
    request = request_from_asgi(asgi_scope("POST"), receive, 100)
    assert await request.body() == b"abcd"
    assert receive.calls == 3


async def test_a_disconnect_mid_body_is_a_400_not_a_shorter_body() -> None:
    # What arrived before the client left is not the body it meant to send: a form cut inside
    # a field must never reach a handler as if it were whole.
    messages: list[Message] = [
        {"type": "http.request", "body": b"part", "more_body": True},
        {"type": "http.disconnect"},
    ]

    async def receive() -> Message:
        return messages.pop(0)

    request = request_from_asgi(asgi_scope("POST"), receive, 100)
    with pytest.raises(BadRequest, match="ended after 4 bytes: the client disconnected"):
        await request.body()


@pytest.mark.parametrize("read", ["body", "stream"])
async def test_a_body_shorter_than_its_content_length_is_a_400(read: str) -> None:
    messages: list[Message] = [{"type": "http.request", "body": b"name=Ad", "more_body": False}]

    async def receive() -> Message:
        return messages.pop(0)

    scope = asgi_scope("POST", headers=[("content-length", "12")])
    request = request_from_asgi(scope, receive, 100)
    with pytest.raises(BadRequest, match="ended after 7 bytes of the 12 bytes") as caught:
        if read == "body":
            await request.body()
        else:
            _ = [chunk async for chunk in request.stream()]
    assert caught.value.headers == {"Connection": "close"}


async def test_bytes_response_is_start_then_one_body() -> None:
    send = Sender()
    await send_asgi(PlainTextResponse("hi", status=202), send, Receiver())
    assert send.messages == [
        {
            "type": "http.response.start",
            "status": 202,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", b"2"),
            ],
        },
        {"type": "http.response.body", "body": b"hi"},
    ]


async def test_every_response_gets_its_own_content_type_and_length() -> None:
    # Content-Type pairs are encoded once and reused, up to a limit: beyond it, still correct.
    send = Sender()
    for index in range(100):
        await send_asgi(
            PlainTextResponse("x" * index, media_type=f"text/v{index}"), send, Receiver()
        )
    starts = [m["headers"] for m in send.messages if m["type"] == "http.response.start"]
    assert starts == [
        [
            (b"content-type", f"text/v{index}; charset=utf-8".encode()),
            (b"content-length", b"%d" % index),
        ]
        for index in range(100)
    ]


async def test_streams_send_chunks_with_more_body_then_the_end() -> None:
    async def chunks() -> AsyncIterator[str]:
        yield "a"
        yield "b"

    send = Sender()
    await send_asgi(StreamingResponse(chunks()), send, Receiver())
    assert send.messages[0]["type"] == "http.response.start"
    assert send.messages[1:] == [
        {"type": "http.response.body", "body": b"a", "more_body": True},
        {"type": "http.response.body", "body": b"b", "more_body": True},
        {"type": "http.response.body", "body": b"", "more_body": False},
    ]


async def test_disconnect_stops_the_stream_and_closes_the_generator() -> None:
    closed: list[bool] = []

    async def forever() -> AsyncIterator[bytes]:
        try:
            while True:
                yield b"tick"
        finally:
            closed.append(True)

    send = Sender()
    await send_asgi(StreamingResponse(forever()), send, DisconnectAfter(send, 3))
    assert closed == [True]
    assert all(m.get("more_body") for m in send.messages[1:])


async def test_send_failing_with_os_error_closes_the_generator_quietly() -> None:
    closed: list[bool] = []

    async def forever() -> AsyncIterator[bytes]:
        try:
            while True:
                yield b"tick"
        finally:
            closed.append(True)

    async def send(message: Message) -> None:
        if message.get("more_body"):
            raise OSError("client disconnected")

    await send_asgi(StreamingResponse(forever()), send, Receiver())
    assert closed == [True]


async def test_head_streams_send_an_empty_body() -> None:
    send = Sender()
    response = StreamingResponse([b"never"])
    response.sends_body = False
    await send_asgi(response, send, Receiver())
    assert send.bodies() == [b""]


async def test_files_use_pathsend_when_the_server_offers_it(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    send = Sender()
    scope = asgi_scope(extensions={"http.response.pathsend": {}})
    await send_asgi(FileResponse(path), send, Receiver(), scope)
    assert send.messages[1] == {"type": "http.response.pathsend", "path": str(path)}


async def test_files_are_sent_in_64_kib_chunks_otherwise(tmp_path: Path) -> None:
    content = bytes(range(256)) * 600  # 150 KiB
    path = tmp_path / "big.bin"
    path.write_bytes(content)
    send = Sender()
    await send_asgi(FileResponse(path), send, Receiver(), asgi_scope())
    start: dict[str, Any] = dict(send.messages[0])
    assert (b"content-length", str(len(content)).encode()) in start["headers"]
    bodies = send.bodies()
    assert [len(b) for b in bodies] == [65536, 65536, len(content) - 131072, 0]
    assert b"".join(bodies) == content


async def test_ranges_are_sent_as_chunks_even_with_pathsend(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789")
    response = FileResponse(path)
    response.range, response.status_code = (3, 6), 206
    send = Sender()
    scope = asgi_scope(extensions={"http.response.pathsend": {}})
    await send_asgi(response, send, Receiver(), scope)
    assert send.messages[0]["status"] == 206
    assert b"".join(send.bodies()) == b"345"
