"""StreamingResponse: encoding, threads for sync iterators, closing, disconnect racing."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator

import pytest

from orionis.http.streaming import StreamingResponse, until_disconnected
from tests.http.conftest import RequestFactory


async def collect(response: StreamingResponse) -> list[bytes]:
    return [chunk async for chunk in response.body_iterator]


async def test_async_chunks_are_encoded_to_bytes() -> None:
    async def chunks() -> AsyncIterator[bytes | str]:
        yield "é"
        yield b"b"

    response = StreamingResponse(chunks(), status=201, headers={"X-A": "1"}, media_type="text/csv")
    assert await collect(response) == [b"\xc3\xa9", b"b"]
    assert response.status_code == 201
    assert response.streamed
    assert response.raw_headers == [("x-a", "1"), ("content-type", "text/csv; charset=utf-8")]
    assert "content-length" not in response.headers


async def test_plain_str_or_bytes_is_a_single_chunk() -> None:
    assert await collect(StreamingResponse("whole")) == [b"whole"]


async def test_sync_iterators_run_in_a_worker_thread() -> None:
    threads: list[int] = []

    def chunks() -> Iterator[str]:
        for word in ("a", "b"):
            threads.append(threading.get_ident())
            yield word

    assert await collect(StreamingResponse(chunks())) == [b"a", b"b"]
    assert threading.get_ident() not in threads


async def test_aclose_runs_the_async_generators_finally() -> None:
    closed: list[bool] = []

    async def chunks() -> AsyncIterator[bytes]:
        try:
            while True:
                yield b"x"
        finally:
            closed.append(True)

    response = StreamingResponse(chunks())
    assert await anext(response.body_iterator) == b"x"
    await response.aclose()
    await response.aclose()
    assert closed == [True]


async def test_aclose_closes_a_sync_generator_in_a_thread() -> None:
    closed: list[int] = []

    def chunks() -> Iterator[bytes]:
        try:
            while True:
                yield b"x"
        finally:
            closed.append(threading.get_ident())

    response = StreamingResponse(chunks())
    assert await anext(response.body_iterator) == b"x"
    await response.aclose()
    assert len(closed) == 1 and closed[0] != threading.get_ident()


def test_head_sends_no_body(make_request: RequestFactory) -> None:
    response = StreamingResponse([b"x"])
    assert response.prepare(make_request("HEAD")) is response
    assert not response.sends_body
    get = StreamingResponse([b"x"])
    get.prepare(make_request())
    assert get.sends_body


async def test_until_disconnected_returns_true_when_the_work_ends() -> None:
    never = asyncio.get_running_loop().create_future()
    done: list[bool] = []

    async def work() -> None:
        done.append(True)

    assert await until_disconnected(work(), never) is True
    assert done == [True]
    assert never.cancelled()


async def test_until_disconnected_cancels_the_work_when_the_client_leaves() -> None:
    gone = asyncio.Event()
    cancelled: list[bool] = []

    async def work() -> None:
        try:
            gone.set()
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    assert await until_disconnected(work(), gone.wait()) is False
    assert cancelled == [True]


async def test_until_disconnected_reraises_errors_of_the_work() -> None:
    async def work() -> None:
        raise ValueError("broken generator")

    with pytest.raises(ValueError, match="broken generator"):
        await until_disconnected(work(), asyncio.Event().wait())
