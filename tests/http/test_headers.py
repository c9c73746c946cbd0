"""Headers: case-insensitive, multi-valued, lazily decoded from what servers give."""

from __future__ import annotations

import pytest

from orionis.http.exceptions import InvalidHeaderError
from orionis.http.headers import Headers, raw_lookup


class ServerHeaders:
    """Stands in for RSGI's scope.headers: lowercase names, ``items()`` and ``get()``."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs
        self.items_calls = 0

    def items(self) -> list[tuple[str, str]]:
        self.items_calls += 1
        return list(self.pairs)

    def get(self, key: str, default: None = None) -> str | None:
        return next((v for k, v in self.pairs if k == key), default)


def test_lookup_is_case_insensitive_and_get_returns_the_first_value() -> None:
    headers = Headers([("X-Tag", "a"), ("x-tag", "b"), ("Accept", "text/html")])
    assert headers.get("x-TAG") == "a"
    assert headers["ACCEPT"] == "text/html"
    assert headers.get_all("X-Tag") == ["a", "b"]
    assert headers.getlist("x-tag") == ["a", "b"]
    assert "accept" in headers and "Accept" in headers
    assert "missing" not in headers
    assert headers.get("missing", "fallback") == "fallback"


def test_missing_header_raises_key_error_on_subscript() -> None:
    with pytest.raises(KeyError):
        Headers()["x"]


def test_asgi_byte_pairs_are_decoded_on_first_read() -> None:
    headers = Headers.from_raw([(b"x-a", b"1"), (b"x-a", b"2"), (b"host", b"example.com")])
    assert headers.get_all("X-A") == ["1", "2"]
    assert headers.keys() == ["x-a", "host"]


def test_server_mapping_is_queried_without_copying_until_all_values_are_needed() -> None:
    source = ServerHeaders([("accept", "application/json"), ("x-a", "1"), ("x-a", "2")])
    headers = Headers.from_raw(source)
    assert headers.get("Accept") == "application/json"
    assert source.items_calls == 0
    assert headers.get_all("x-a") == ["1", "2"]
    assert source.items_calls == 1


def test_setting_replaces_every_value_and_add_appends() -> None:
    headers = Headers({"Vary": "Accept"})
    headers.add("vary", "Cookie")
    assert headers.get_all("vary") == ["Accept", "Cookie"]
    headers["VARY"] = "Origin"
    assert headers.get_all("vary") == ["Origin"]
    assert headers.setdefault("vary", "x") == "Origin"
    assert headers.setdefault("x-new", "y") == "y"


def test_delete_removes_every_value_and_fails_for_missing_names() -> None:
    headers = Headers([("a", "1"), ("a", "2"), ("b", "3")])
    del headers["A"]
    assert headers.items() == [("b", "3")]
    with pytest.raises(KeyError):
        del headers["a"]


def test_wrap_shares_the_list_it_is_given() -> None:
    raw = [("content-type", "text/plain")]
    Headers.wrap(raw)["X-Id"] = "7"
    assert raw == [("content-type", "text/plain"), ("x-id", "7")]


def test_line_breaks_in_values_are_refused_with_the_header_named() -> None:
    with pytest.raises(InvalidHeaderError, match=r"'X-Evil'.*line breaks"):
        Headers()["X-Evil"] = "a\r\nSet-Cookie: x=1"


def test_equality_ignores_order_and_iteration_yields_distinct_names() -> None:
    assert Headers([("a", "1"), ("b", "2")]) == Headers([("B", "2"), ("A", "1")])
    assert list(Headers([("a", "1"), ("a", "2")])) == ["a"]
    assert len(Headers([("a", "1"), ("a", "2")])) == 2


def test_raw_lookup_reads_one_header_from_any_raw_form() -> None:
    assert raw_lookup([(b"content-type", b"a/b")], "content-type") == "a/b"
    assert raw_lookup([("Content-Type", "a/b")], "content-type") == "a/b"
    assert raw_lookup(ServerHeaders([("content-type", "a/b")]), "content-type") == "a/b"
    assert raw_lookup([(b"x", b"1")], "content-type") is None
