"""Reading the body: caching, streaming, limits, JSON decoding and its errors."""

from __future__ import annotations

import pytest

from orionis.http.exceptions import (
    BadRequest,
    BodyConsumedError,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from orionis.http.rsgi import request_from_rsgi
from tests.http.conftest import RequestFactory

JSON = [("content-type", "application/json")]


async def test_body_joins_the_chunks_and_is_cached(make_request: RequestFactory) -> None:
    request = make_request("POST", body=[b"ab", b"cd"])
    assert await request.body() == b"abcd"
    assert await request.body() == b"abcd"


async def test_stream_yields_chunks_without_buffering(make_request: RequestFactory) -> None:
    request = make_request("POST", body=[b"ab", b"cd"])
    assert [chunk async for chunk in request.stream()] == [b"ab", b"cd"]
    with pytest.raises(BodyConsumedError, match=r"POST / was already streamed.*request.body\(\)"):
        await request.body()


async def test_stream_after_body_yields_the_buffered_bytes_once(
    make_request: RequestFactory,
) -> None:
    request = make_request("POST", body=[b"ab", b"cd"])
    await request.body()
    assert [chunk async for chunk in request.stream()] == [b"abcd"]


async def test_declared_length_over_the_limit_is_refused_before_reading(
    make_request: RequestFactory,
) -> None:
    request = make_request(
        "POST", headers=[("content-length", "11")], body=[b"x" * 11], max_body_size=10
    )
    with pytest.raises(PayloadTooLarge, match=r"limit of 10 bytes \(Content-Length: 11\)") as err:
        await request.body()
    assert err.value.status_code == 413
    assert "max_body_size" in err.value.detail


async def test_undeclared_body_stops_once_past_the_limit() -> None:
    received: list[bytes] = []

    class Proto:
        async def __aiter__(self):  # type: ignore[no-untyped-def]
            for chunk in (b"x" * 6, b"x" * 6, b"never read"):
                received.append(chunk)
                yield chunk

    request = request_from_rsgi(_scope(), Proto(), max_body_size=10)  # type: ignore[arg-type]
    with pytest.raises(PayloadTooLarge, match="received 12 bytes so far"):
        await request.body()
    assert len(received) == 2


async def test_json_decodes_the_body(make_request: RequestFactory) -> None:
    request = make_request("POST", headers=JSON, body=[b'{"a": [1, 2]}'])
    assert await request.json() == {"a": [1, 2]}


async def test_plus_json_types_are_json(make_request: RequestFactory) -> None:
    headers = [("content-type", "application/merge-patch+json")]
    request = make_request("PATCH", headers=headers, body=[b"[1]"])
    assert await request.json() == [1]


async def test_malformed_json_is_a_bad_request_with_the_reason(
    make_request: RequestFactory,
) -> None:
    request = make_request("POST", headers=JSON, body=[b"{x"])
    with pytest.raises(BadRequest) as caught:
        await request.json()
    assert caught.value.status_code == 400
    assert str(caught.value) == (
        "Malformed JSON body: unexpected character, expected a string key at line 1 column 2."
    )


async def test_empty_json_body_is_a_bad_request(make_request: RequestFactory) -> None:
    request = make_request("POST", headers=JSON)
    with pytest.raises(BadRequest, match="Empty JSON body"):
        await request.json()


async def test_json_on_another_content_type_is_unsupported(make_request: RequestFactory) -> None:
    request = make_request("POST", "/in", headers=[("content-type", "text/plain")], body=[b"{}"])
    with pytest.raises(UnsupportedMediaType) as caught:
        await request.json()
    assert caught.value.status_code == 415
    assert str(caught.value) == (
        "Unsupported Content-Type 'text/plain' for POST /in: "
        "expected application/json (or a +json type)."
    )


async def test_form_on_json_is_unsupported_naming_the_form_types(
    make_request: RequestFactory,
) -> None:
    request = make_request("POST", headers=JSON, body=[b"{}"])
    with pytest.raises(
        UnsupportedMediaType,
        match="expected application/x-www-form-urlencoded or multipart/form-data",
    ):
        await request.form()


def _scope() -> object:
    class Scope:
        method, scheme, path, query_string = "POST", "http", "/", ""
        headers: list[tuple[str, str]] = []
        client, server, http_version, authority = "1.1.1.1:1", "0.0.0.0:80", "1.1", None

    return Scope()
