"""Headers: case-insensitive, multi-valued, lazily decoded from what servers give."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from orionis.http.exceptions import InvalidHeaderError
from orionis.http.headers import Headers, raw_lookup
from orionis.support.errors import OrionisError
from tests.http.trust import Project, Send, sender


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


@pytest.mark.parametrize("value", ["a\r\nSet-Cookie: x=1", "a\nb", "a\rb", "a\x00b"])
def test_cr_lf_and_nul_in_values_are_refused_wherever_they_are_set(value: str) -> None:
    for set_it in (
        lambda: Headers({"X-Evil": value}),
        lambda: Headers().add("X-Evil", value),
        lambda: Headers().__setitem__("X-Evil", value),
        lambda: Headers().setdefault("X-Evil", value),
    ):
        with pytest.raises(InvalidHeaderError) as caught:
            set_it()
        assert isinstance(caught.value, ValueError) and isinstance(caught.value, OrionisError)
        assert str(caught.value).startswith("Header 'X-Evil' cannot be sent")


@pytest.mark.parametrize("name", ["", "X Evil", "X:Evil", "X-Evil\r\nY", "X\x00", "Ünicode"])
def test_names_that_are_not_tokens_are_refused(name: str) -> None:
    with pytest.raises(InvalidHeaderError, match="a header name is a non-empty token"):
        Headers()[name] = "1"


def test_tabs_and_latin_1_text_are_allowed_in_values() -> None:
    headers = Headers({"X-Ok": "a\tb café"})
    assert headers["x-ok"] == "a\tb café"


# -- through the kernels: a line break set by the application never reaches the wire --------

ROUTES = """
Route.get("/header", t.header_from_input)
Route.get("/header-later", t.header_set_later)
Route.get("/abort", t.abort_with_header)
"""
INJECTIONS = ["ok\r\nSet-Cookie: admin=1", "ok\nX-Injected: 1", "ok\rX-Injected: 1", "ok\x00"]


@pytest.fixture
async def project(tmp_path: Path) -> AsyncIterator[Project]:
    async with Project(tmp_path) as built:
        yield built


@pytest.fixture(params=["rsgi", "asgi"])
def send(request: pytest.FixtureRequest) -> Send:
    return sender(request.param)


@pytest.mark.parametrize("path", ["/header", "/header-later", "/abort"])
@pytest.mark.parametrize("value", INJECTIONS)
async def test_a_header_value_with_a_line_break_is_a_500_in_production(
    project: Project, send: Send, path: str, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = await project.app(web=ROUTES, env="APP_ENV=production\nAPP_DEBUG=false\n")
    with caplog.at_level(logging.ERROR, logger="orionis"):
        response = await send(app, "GET", path, query=urlencode({"v": value}).encode())
    assert response.status == 500
    for name in ("x-echo", "x-injected", "www-authenticate", "set-cookie"):
        assert name not in response.headers
    assert "Server Error" in response.text and "admin" not in response.text
    [record] = caplog.records
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], InvalidHeaderError)
    named = ("'X-Echo'", "'x-echo'", "'WWW-Authenticate'")
    assert any(name in str(record.exc_info[1]) for name in named)


async def test_in_debug_mode_the_error_names_the_header_escaped(
    project: Project, send: Send
) -> None:
    app = await project.app(web=ROUTES, env="APP_ENV=local\nAPP_DEBUG=true\n")
    query = urlencode({"v": "<script>x</script>\r\nX: 1"}).encode()
    response = await send(app, "GET", "/header", query=query)
    assert response.status == 500
    assert "InvalidHeaderError" in response.text and "X-Echo" in response.text
    assert "<script>x</script>" not in response.text
    assert "&lt;script&gt;" in response.text
