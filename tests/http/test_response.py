"""In-memory responses, HEAD handling and ``to_response``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from orionis.http.exceptions import UnserializableJsonError, UnsupportedReturnValueError
from orionis.http.response import (
    HtmlResponse,
    JsonResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    to_response,
)
from tests.http.conftest import RequestFactory


@dataclass
class Point:
    x: int
    y: int


def test_bytes_response_sets_content_length_and_no_type_by_default() -> None:
    response = Response(b"abc", status=201, headers={"X-Id": "7"})
    assert response.status_code == 201
    assert response.body == b"abc"
    assert response.raw_headers == [("x-id", "7"), ("content-length", "3")]


def test_str_content_is_utf8_and_media_type_gets_a_charset() -> None:
    response = Response("é", media_type="text/csv")
    assert response.body == b"\xc3\xa9"
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-length"] == "2"


def test_given_content_type_header_wins_over_the_media_type() -> None:
    response = HtmlResponse("x", headers={"Content-Type": "text/html; charset=latin-1"})
    assert response.headers.get_all("content-type") == ["text/html; charset=latin-1"]


def test_html_and_plain_text_types() -> None:
    assert HtmlResponse("<p>").headers["content-type"] == "text/html; charset=utf-8"
    assert PlainTextResponse("p").headers["content-type"] == "text/plain; charset=utf-8"


def test_json_response_encodes_dataclasses_uuids_and_datetimes() -> None:
    ident = uuid.UUID(int=1)
    moment = datetime(2030, 1, 1, tzinfo=UTC)
    response = JsonResponse({"p": Point(1, 2), "id": ident, "at": moment}, status=202)
    assert response.status_code == 202
    assert response.headers["content-type"] == "application/json"
    assert response.body == (
        b'{"p":{"x":1,"y":2},"id":"00000000-0000-0000-0000-000000000001",'
        b'"at":"2030-01-01T00:00:00+00:00"}'
    )


def test_json_response_names_what_it_cannot_encode() -> None:
    with pytest.raises(UnserializableJsonError) as caught:
        JsonResponse({"price": Decimal("1.5")})
    assert str(caught.value) == (
        "JsonResponse cannot encode dict: Type is not JSON serializable: decimal.Decimal. "
        "Convert the value to str, int, float, bool, None, dict, list, a dataclass, UUID or "
        "datetime first."
    )


def test_redirect_sets_location_and_status() -> None:
    response = RedirectResponse("/login?next=/a", status=303)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/a"
    assert response.body == b""


def test_headers_are_mutable_and_change_what_is_sent() -> None:
    response = PlainTextResponse("x")
    response.headers["X-Frame-Options"] = "DENY"
    response.headers.add("vary", "Accept")
    assert ("x-frame-options", "DENY") in response.raw_headers
    assert ("vary", "Accept") in response.raw_headers


@pytest.mark.parametrize("status", [204, 304, 101])
def test_statuses_without_a_body_have_no_content_length(status: int) -> None:
    assert "content-length" not in Response(b"", status).headers


def test_head_keeps_headers_and_content_length_but_drops_the_body(
    make_request: RequestFactory,
) -> None:
    response = PlainTextResponse("hello")
    head = response.prepare(make_request("HEAD"))
    assert head.body == b""
    assert head.status_code == 200
    assert head.headers["content-length"] == "5"
    assert head.headers["content-type"] == "text/plain; charset=utf-8"


def test_prepare_returns_the_same_response_for_other_methods(
    make_request: RequestFactory,
) -> None:
    response = PlainTextResponse("hello")
    assert response.prepare(make_request("GET")) is response


@pytest.mark.parametrize(
    ("value", "cls", "content_type", "body"),
    [
        ("<h1>x</h1>", HtmlResponse, "text/html; charset=utf-8", b"<h1>x</h1>"),
        (b"\x00\x01", Response, "application/octet-stream", b"\x00\x01"),
        ({"a": 1}, JsonResponse, "application/json", b'{"a":1}'),
        ([1, 2], JsonResponse, "application/json", b"[1,2]"),
        (Point(1, 2), JsonResponse, "application/json", b'{"x":1,"y":2}'),
    ],
)
def test_to_response_converts_return_values(
    value: object, cls: type[Response], content_type: str, body: bytes
) -> None:
    response = to_response(value)
    assert type(response) is cls
    assert response.headers["content-type"] == content_type
    assert response.body == body


def test_to_response_keeps_responses_and_turns_none_into_204() -> None:
    original = PlainTextResponse("x")
    assert to_response(original) is original
    empty = to_response(None)
    assert (empty.status_code, empty.body, empty.raw_headers) == (204, b"", [])


def test_to_response_refuses_other_values_naming_the_type() -> None:
    with pytest.raises(UnsupportedReturnValueError) as caught:
        to_response(Point)
    assert isinstance(caught.value, TypeError)
    assert str(caught.value) == (
        "A handler returned 'type', which cannot become a response. Return a Response, str "
        "(HTML), bytes, dict, list or dataclass instance (JSON), or None (204 No Content)."
    )
