"""Cookie parsing and Set-Cookie building, through Request and Response."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orionis.http.cookies import parse_cookies, set_cookie_header
from orionis.http.exceptions import InvalidCookieError
from orionis.http.response import Response
from tests.http.trust import Project, Send, sender


def test_parse_skips_malformed_pairs_and_first_name_wins() -> None:
    assert parse_cookies(["a=1; junk; =x; a=2", " b = 3 "]) == {"a": "1", "b": "3"}


def test_set_cookie_with_every_attribute() -> None:
    response = Response()
    response.set_cookie(
        "session",
        "a b;c",
        max_age=60,
        expires=datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC),
        path="/app",
        domain="example.com",
        secure=True,
        httponly=True,
        samesite="strict",
    )
    assert response.headers.get_all("set-cookie") == [
        "session=a%20b%3Bc; Max-Age=60; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Path=/app; "
        "Domain=example.com; Secure; HttpOnly; SameSite=Strict"
    ]


def test_defaults_are_httponly_lax_on_root_path() -> None:
    assert Response().set_cookie("a", "1").headers["set-cookie"] == (
        "a=1; Path=/; HttpOnly; SameSite=Lax"
    )


def test_values_round_trip_through_the_request_parser() -> None:
    header = set_cookie_header("k", 'ü "x"; y', httponly=False, samesite=None)
    assert header == "k=%C3%BC%20%22x%22%3B%20y; Path=/"
    assert parse_cookies([header.split("; ")[0]]) == {"k": 'ü "x"; y'}


# RFC 6265 cookie-octet: what a Set-Cookie value may hold unquoted.
COOKIE_OCTETS = {chr(c) for c in range(0x21, 0x7F)} - set('",;\\')


@given(st.text())
def test_any_value_goes_out_as_cookie_octets_and_round_trips(value: str) -> None:
    header = set_cookie_header("k", value)
    written = header.split("; ")[0].removeprefix("k=")
    assert set(written) <= COOKIE_OCTETS
    assert parse_cookies([f"k={written}"]) == {"k": value}


def test_expires_accepts_seconds_and_naive_or_aware_datetimes() -> None:
    naive = set_cookie_header("a", expires=datetime(2030, 1, 1, 12))
    assert "Expires=Tue, 01 Jan 2030 12:00:00 GMT" in naive
    shifted = datetime(2030, 1, 1, 14, tzinfo=timezone(timedelta(hours=2)))
    assert "Expires=Tue, 01 Jan 2030 12:00:00 GMT" in set_cookie_header("a", expires=shifted)
    assert "GMT" in set_cookie_header("a", expires=3600)


def test_delete_cookie_expires_it_now() -> None:
    header = Response().delete_cookie("old", path="/x", domain="a.io").headers["set-cookie"]
    assert header == (
        "old=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/x; Domain=a.io; HttpOnly"
    )


def test_unknown_samesite_is_refused_with_a_suggestion() -> None:
    with pytest.raises(InvalidCookieError) as caught:
        Response().set_cookie("a", samesite="strct")
    assert str(caught.value) == (
        "Cookie 'a' has samesite='strct': use 'lax', 'strict' or 'none'. Did you mean 'strict'?"
    )


def test_samesite_none_requires_secure() -> None:
    with pytest.raises(InvalidCookieError) as caught:
        Response().set_cookie("a", samesite="none")
    assert str(caught.value) == (
        "Cookie 'a' has samesite='none' without secure=True: browsers reject SameSite=None "
        "cookies that are not Secure. Pass secure=True (HTTPS only) or use samesite='lax'."
    )
    header = Response().set_cookie("a", samesite="None", secure=True).headers["set-cookie"]
    assert header.endswith("Secure; HttpOnly; SameSite=None")


def test_invalid_names_and_attributes_are_refused() -> None:
    with pytest.raises(InvalidCookieError, match="Cookie name 'a b' is not valid"):
        Response().set_cookie("a b")
    with pytest.raises(InvalidCookieError, match="Cookie 'a' has an invalid path '/x;y'"):
        Response().set_cookie("a", path="/x;y")


@pytest.mark.parametrize("bad", ["/x\r\nSet-Cookie: admin=1", "/x\n", "/x\x00", "/x\x7f"])
def test_control_characters_in_attributes_are_refused(bad: str) -> None:
    with pytest.raises(InvalidCookieError, match="control characters"):
        Response().set_cookie("a", path=bad)
    with pytest.raises(InvalidCookieError, match="control characters"):
        Response().set_cookie("a", domain=bad.lstrip("/"))


# -- through the kernels ------------------------------------------------------------------------

ROUTES = """
Route.get("/pref", t.cookie_from_input)
Route.get("/note", t.cookie_value_from_input)
"""


@pytest.fixture
async def project(tmp_path: Path) -> AsyncIterator[Project]:
    async with Project(tmp_path) as built:
        yield built


@pytest.fixture(params=["rsgi", "asgi"])
def send(request: pytest.FixtureRequest) -> Send:
    return sender(request.param)


async def test_a_cookie_attribute_with_a_line_break_is_a_500(project: Project, send: Send) -> None:
    app = await project.app(web=ROUTES)
    query = urlencode({"path": "/\r\nSet-Cookie: admin=1"}).encode()
    response = await send(app, "GET", "/pref", query=query)
    assert response.status == 500
    assert response.headers.get_all("set-cookie") == []


async def test_a_cookie_value_with_line_breaks_goes_out_percent_encoded(
    project: Project, send: Send
) -> None:
    # Values are encoded, not refused: nothing raw reaches the wire, and the value comes back
    # intact on the next request.
    app = await project.app(web=ROUTES)
    value = "line 1\r\nSet-Cookie: admin=1\x00"
    response = await send(app, "GET", "/note", query=urlencode({"v": value}).encode())
    assert response.status == 200
    [header] = response.headers.get_all("set-cookie")
    assert header.startswith("note=line%201%0D%0ASet-Cookie:%20admin=1%00;")
    assert "\r" not in header and "\n" not in header and "\x00" not in header
    assert parse_cookies([header.split(";")[0]]) == {"note": value}
