"""The sync input family after ``await request.load()``."""

from __future__ import annotations

import httpx
import orjson
import pytest

from orionis.http.exceptions import RequestNotLoadedError
from orionis.http.request import Request
from tests.http.conftest import RequestFactory

DOC = {
    "user": {"name": "Ada", "address": {"city": "London"}},
    "items": [{"id": 1}, {"id": 2}],
    "blank": "  ",
    "empty_list": [],
    "nothing": None,
    "flag": "on",
    "page": "json wins",
}


@pytest.fixture
async def loaded(make_request: RequestFactory) -> Request:
    request = make_request(
        "POST",
        query=b"page=1&q=term&dotted.key=yes",
        headers=[("content-type", "application/json")],
        body=[orjson.dumps(DOC)],
    )
    await request.load()
    return request


def test_input_reads_dot_paths_into_json(loaded: Request) -> None:
    assert loaded.input("user.address.city") == "London"
    assert loaded.input("items.1.id") == 2
    assert loaded.input("items.5.id", "none") == "none"
    assert loaded.input("user.missing") is None
    assert loaded.input("dotted.key") == "yes"


def test_query_then_json_with_later_sources_winning(loaded: Request) -> None:
    assert loaded.input("q") == "term"
    assert loaded.input("page") == "json wins"
    assert loaded.input()["user"]["name"] == "Ada"


def test_only_keeps_the_given_keys_nested_again(loaded: Request) -> None:
    assert loaded.only("q", "user.name", "missing") == {"q": "term", "user": {"name": "Ada"}}


def test_except_removes_keys_without_touching_the_request(loaded: Request) -> None:
    rest = loaded.except_("user.address", "items.0", "blank", "dotted.key")
    assert rest["user"] == {"name": "Ada"}
    assert rest["items"] == [{"id": 2}]
    assert "blank" not in rest and "dotted.key" not in rest
    assert loaded.input("user.address.city") == "London"
    assert loaded.input("items.0.id") == 1


def test_has_is_presence_and_filled_is_non_empty(loaded: Request) -> None:
    assert loaded.has("q", "user.address.city", "nothing", "blank")
    assert not loaded.has("q", "missing")
    assert loaded.filled("q", "user.name", "items")
    assert not loaded.filled("blank")
    assert not loaded.filled("empty_list")
    assert not loaded.filled("nothing")
    assert not loaded.filled("missing")


def test_boolean(loaded: Request) -> None:
    assert loaded.boolean("flag") is True
    assert loaded.boolean("q") is False
    assert loaded.boolean("missing") is False
    assert loaded.boolean("missing", default=True) is True


async def test_form_fields_and_files_join_the_input(make_request: RequestFactory) -> None:
    encoded = httpx.Request(
        "POST", "http://x/", data={"name": "form"}, files={"avatar": ("a.png", b"png", "image/png")}
    )
    request = make_request(
        "POST",
        query=b"name=query&only=query",
        headers=[("content-type", encoded.headers["content-type"])],
        body=[encoded.read()],
    )
    await request.load()
    assert request.input("name") == "form"
    assert request.input("only") == "query"
    assert "avatar" not in request.input()
    avatar = request.file("avatar")
    assert avatar is not None and avatar.filename == "a.png"
    assert request.all()["avatar"] is avatar
    assert list(request.files) == ["avatar"]
    assert request.filled("avatar")
    assert request.file("missing") is None


async def test_input_before_load_says_to_load(make_request: RequestFactory) -> None:
    request = make_request(
        "POST", "/users", headers=[("content-type", "application/json")], body=[b"{}"]
    )
    with pytest.raises(RequestNotLoadedError) as caught:
        request.input("name")
    assert str(caught.value) == (
        "The application/json body of POST /users is not loaded, so input(), all(), only(), "
        "has() and files cannot see it. Call `await request.load()` first (the HTTP kernel "
        "does this before middleware)."
    )
    with pytest.raises(RequestNotLoadedError):
        _ = request.files


async def test_bodyless_requests_need_no_load(make_request: RequestFactory) -> None:
    request = make_request(query=b"a=1")
    assert request.all() == {"a": "1"}


async def test_load_ignores_other_content_types(make_request: RequestFactory) -> None:
    request = make_request("POST", headers=[("content-type", "text/csv")], body=[b"a,b"])
    await request.load()
    assert request.all() == {}
    assert await request.body() == b"a,b"


async def test_load_is_idempotent_and_tolerates_an_empty_json_body(
    make_request: RequestFactory,
) -> None:
    request = make_request("POST", headers=[("content-type", "application/json")])
    await request.load()
    await request.load()
    assert request.all() == {}


async def test_json_called_directly_also_loads_the_input(make_request: RequestFactory) -> None:
    request = make_request("POST", headers=[("content-type", "application/json")], body=[b"[5]"])
    assert await request.json() == [5]
    assert request.input("0") == 5
