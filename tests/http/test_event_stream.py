"""Server-sent events: the wire format, keep-alive pings, disconnects, sync sources and HEAD,
through the RSGI and the ASGI entry points of a booted application."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable, Generator
from pathlib import Path
from typing import Any

import pytest

from orionis.foundation.application import Application
from orionis.http import EventStreamResponse, ServerSentEvent
from orionis.http.exceptions import InvalidEventError, UnserializableJsonError
from orionis.testing import isolated_process
from tests.http.streams import boot_app, fetch, log, sources

INTERFACES = pytest.mark.parametrize("interface", ["rsgi", "asgi"])


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[Application]:
    log.clear()
    sources.clear()
    with isolated_process():
        application = await boot_app(tmp_path)
        try:
            yield application
        finally:
            await application.shutdown()


def dispatched(stream: bytes) -> tuple[list[dict[str, str]], int | None]:
    """What a browser's EventSource dispatches from ``stream`` (WHATWG rules), and the retry."""
    events: list[dict[str, str]] = []
    data: list[str] = []
    kind, last_id, retry = "", "", None
    for line in re.split(r"\r\n|\r|\n", stream.decode()):
        if not line:
            if data:
                events.append({"event": kind or "message", "data": "\n".join(data), "id": last_id})
            data, kind = [], ""
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            data.append(value)
        elif name == "event":
            kind = value
        elif name == "id" and "\0" not in value:
            last_id = value
        elif name == "retry" and value.isdigit():
            retry = int(value)
    return events, retry


async def body_of(response: EventStreamResponse, limit: int = 100) -> list[bytes]:
    chunks = []
    async for chunk in response.body_iterator:
        chunks.append(chunk)
        if len(chunks) == limit:
            break
    await response.aclose()
    return chunks


# --------------------------------------------------------------------------- the wire format


def test_every_field_of_an_event_goes_out_in_one_block() -> None:
    event = ServerSentEvent({"n": 1}, event="tick", id="7", retry=3000, comment="hi")
    assert event.encode() == b': hi\nid: 7\nevent: tick\nretry: 3000\ndata: {"n":1}\n\n'
    assert dispatched(event.encode()) == ([{"event": "tick", "data": '{"n":1}', "id": "7"}], 3000)


def test_multi_line_data_is_split_into_data_lines() -> None:
    event = ServerSentEvent("one\r\ntwo\rthree\nfour")
    assert event.encode() == b"data: one\ndata: two\ndata: three\ndata: four\n\n"
    assert dispatched(event.encode())[0][0]["data"] == "one\ntwo\nthree\nfour"
    assert ServerSentEvent(b"raw\nbytes").encode() == b"data: raw\ndata: bytes\n\n"


def test_json_data_stays_on_one_line() -> None:
    value = {"text": "two\nlines", "list": [1, 2]}
    event = ServerSentEvent(value)
    assert event.encode().count(b"\n") == 2
    assert json.loads(dispatched(event.encode())[0][0]["data"]) == value


def test_an_event_without_data_is_not_dispatched_but_empty_data_is() -> None:
    assert ServerSentEvent(event="close").encode() == b"event: close\n\n"
    assert dispatched(ServerSentEvent(event="close").encode())[0] == []
    fired = ServerSentEvent(event="close", data="").encode()
    assert dispatched(fired)[0] == [{"event": "close", "data": "", "id": ""}]


def test_comments_span_lines_and_are_ignored_by_clients() -> None:
    event = ServerSentEvent(comment="first\nsecond")
    assert event.encode() == b": first\n: second\n\n"
    assert dispatched(event.encode()) == ([], None)


@pytest.mark.parametrize("name", ["id", "event"])
@pytest.mark.parametrize("value", ["a\nb", "a\rb", "a\r\nb"])
def test_line_breaks_in_id_or_event_are_refused(name: str, value: str) -> None:
    with pytest.raises(InvalidEventError) as caught:
        ServerSentEvent("x", **{name: value})  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(f"ServerSentEvent {name} {value!r} contains a line break")


def test_a_nul_in_the_id_is_refused_since_browsers_would_ignore_the_id() -> None:
    with pytest.raises(InvalidEventError, match="ServerSentEvent id 'a\\\\x00b'"):
        ServerSentEvent("x", id="a\0b")


@pytest.mark.parametrize("retry", [-1, True, 1.5, "3000"])
def test_retry_must_be_whole_milliseconds(retry: Any) -> None:
    with pytest.raises(InvalidEventError, match=f"ServerSentEvent retry={retry!r} is not"):
        ServerSentEvent("x", retry=retry)
    with pytest.raises(InvalidEventError, match=f"EventStreamResponse retry={retry!r} is not"):
        EventStreamResponse([], retry=retry)


def test_a_negative_ping_is_refused() -> None:
    with pytest.raises(InvalidEventError, match="ping=-1 is not an interval"):
        EventStreamResponse([], ping=-1)


def test_data_orjson_cannot_encode_is_refused_where_the_event_is_built() -> None:
    with pytest.raises(UnserializableJsonError, match="of type object as JSON"):
        ServerSentEvent(object())


async def test_items_of_other_types_are_refused() -> None:
    with pytest.raises(InvalidEventError, match="yielded 'int', which EventStreamResponse"):
        await body_of(EventStreamResponse([42], ping=None))


@pytest.mark.parametrize(
    ("single", "wire"),
    [
        ("just one", b"data: just one\n\n"),
        (b"just one", b"data: just one\n\n"),
        ({"a": 1}, b'data: {"a":1}\n\n'),
        (ServerSentEvent("one", id=1), b"id: 1\ndata: one\n\n"),
    ],
)
async def test_a_single_item_is_a_stream_of_one_event(single: Any, wire: bytes) -> None:
    assert await body_of(EventStreamResponse(single, ping=None)) == [wire]


def test_headers_keep_proxies_from_buffering_and_caching() -> None:
    response = EventStreamResponse([], headers={"Cache-Control": "no-store", "X-A": "1"})
    assert response.raw_headers == [
        ("cache-control", "no-store"),
        ("x-a", "1"),
        ("content-type", "text/event-stream; charset=utf-8"),
        ("x-accel-buffering", "no"),
    ]


# ---------------------------------------------------------------- pings and the source's awaits


async def test_a_sources_own_timeouts_still_work_while_pinging() -> None:
    async def source() -> AsyncIterator[str]:
        try:
            async with asyncio.timeout(0.02):
                await asyncio.Event().wait()
        except TimeoutError:
            yield "timed out"

    chunks = await body_of(EventStreamResponse(source(), ping=0.001))
    assert chunks[-1] == b"data: timed out\n\n"
    assert set(chunks[:-1]) == {b": ping\n\n"}


class ServerFuture:
    """A future-like awaitable as Granian hands out: one done-callback slot, no remove."""

    _asyncio_future_blocking = True

    def __init__(self) -> None:
        self._callback: Callable[[Any], None] | None = None
        self._result: str | None = None

    def add_done_callback(self, callback: Callable[[Any], None], context: Any = None) -> None:
        self._callback = callback  # replaces the previous one, as Granian's does

    def cancel(self, msg: Any = None) -> bool:
        return False

    def resolve(self, value: str) -> None:
        self._result = value
        if self._callback is not None:
            asyncio.get_running_loop().call_soon(self._callback, self)

    def __await__(self) -> Generator[Any, None, str]:
        while self._result is None:
            yield self
        return self._result


async def test_a_source_awaiting_a_servers_own_future_is_pinged_then_resumed() -> None:
    future = ServerFuture()

    async def source() -> AsyncIterator[str]:
        yield await future

    response = EventStreamResponse(source(), ping=0.001)
    chunks = [await anext(response.body_iterator), await anext(response.body_iterator)]
    future.resolve("from the server")
    chunks += [chunk async for chunk in response.body_iterator]
    assert chunks[:2] == [b": ping\n\n", b": ping\n\n"]
    assert chunks[-1] == b"data: from the server\n\n"
    assert set(chunks[2:-1]) <= {b": ping\n\n"}


async def test_errors_of_the_source_end_the_stream() -> None:
    async def source() -> AsyncIterator[str]:
        yield "one"
        await asyncio.sleep(0.001)
        raise LookupError("feed is gone")

    response = EventStreamResponse(source(), ping=0.0005)
    assert await anext(response.body_iterator) == b"data: one\n\n"
    with pytest.raises(LookupError, match="feed is gone"):
        async for _ in response.body_iterator:
            pass


# ----------------------------------------------------------- through both interfaces of an app


@INTERFACES
async def test_events_on_the_wire(app: Application, interface: str) -> None:
    fetched = await fetch(app, interface, "GET", "/events")
    assert fetched.status == 200
    assert fetched.header("content-type") == "text/event-stream; charset=utf-8"
    assert fetched.header("cache-control") == "no-cache"
    assert fetched.header("x-accel-buffering") == "no"
    assert fetched.header("connection") == "keep-alive"
    assert fetched.header("content-length") is None
    assert fetched.body == (
        b"retry: 3000\n\n"
        b'id: 1\nevent: tick\ndata: {"n":1,"text":"two\\nlines"}\n\n'
        b"data: first line\ndata: second line\n\n"
        b"data: bytes data\n\n"
        b'data: ["json","list"]\n\n'
        b"id: 2\nevent: done\ndata: \n\n"
    )
    events, retry = dispatched(fetched.body)
    assert retry == 3000
    assert [event["data"] for event in events][1:3] == ["first line\nsecond line", "bytes data"]
    assert log == ["events started", "events closed"]
    assert interface == "rsgi" or fetched.complete


@INTERFACES
async def test_http2_gets_no_connection_header(app: Application, interface: str) -> None:
    fetched = await fetch(app, interface, "GET", "/events", http_version="2")
    assert fetched.header("connection") is None
    assert fetched.header("content-type") == "text/event-stream; charset=utf-8"


@INTERFACES
async def test_last_event_id_lets_a_reconnecting_client_resume(
    app: Application, interface: str
) -> None:
    fetched = await fetch(app, interface, "GET", "/resume", headers=[("Last-Event-ID", "41")])
    events, _ = dispatched(fetched.body)
    assert [(event["id"], event["data"]) for event in events] == [
        ("42", "message 42"),
        ("43", "message 43"),
    ]


@INTERFACES
@pytest.mark.parametrize("stall", [False, True], ids=["leaves", "leaves-mid-write"])
async def test_an_idle_source_is_pinged_and_closed_when_the_client_leaves(
    app: Application, interface: str, stall: bool
) -> None:
    fetched = await fetch(app, interface, "GET", "/idle", disconnect_after=3, stall=stall)
    assert fetched.chunks == [b"data: hello\n\n", b": ping\n\n", b": ping\n\n"]
    assert log == ["idle closed"]
    assert not fetched.complete


@INTERFACES
@pytest.mark.parametrize("query", [b"ping=0", b"ping=60"])
@pytest.mark.parametrize("stall", [False, True], ids=["leaves", "leaves-mid-write"])
async def test_a_disconnect_closes_an_endless_source(
    app: Application, interface: str, query: bytes, stall: bool
) -> None:
    fetched = await fetch(
        app, interface, "GET", "/endless-events", query=query, disconnect_after=4, stall=stall
    )
    assert fetched.body == b"".join(b"id: %d\ndata: %d\n\n" % (n, n) for n in range(1, 5))
    assert log == ["endless events closed"]


@INTERFACES
async def test_a_sync_source_is_pulled_in_a_thread(app: Application, interface: str) -> None:
    fetched = await fetch(app, interface, "GET", "/sync-events")
    assert fetched.body == (b'id: s1\nevent: sync\ndata: from a thread\n\ndata: {"n":2}\n\n')
    assert log == ["sync events started", "sync events closed"]


@INTERFACES
async def test_a_disconnect_closes_an_endless_sync_source(app: Application, interface: str) -> None:
    fetched = await fetch(app, interface, "GET", "/endless-sync-events", disconnect_after=3)
    assert fetched.chunks == [b"data: tick\n\n"] * 3
    assert log == ["endless sync events closed"]


@INTERFACES
@pytest.mark.parametrize("path", ["/events", "/sync-events"])
async def test_head_sends_the_headers_and_closes_the_source_unread(
    app: Application, interface: str, path: str
) -> None:
    fetched = await fetch(app, interface, "HEAD", path)
    assert fetched.status == 200
    assert fetched.header("content-type") == "text/event-stream; charset=utf-8"
    assert fetched.body == b""
    assert log == []  # never started
    (source,) = sources
    frame = source.ag_frame if hasattr(source, "ag_frame") else source.gi_frame
    assert frame is None  # closed: it can never run
