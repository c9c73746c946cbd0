"""Request accessors, built through the ASGI adapter with a real scope."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orionis.http.exceptions import BadRequest
from orionis.http.request import Request
from tests.http.conftest import RequestFactory


def test_method_scheme_path_and_version(make_request: RequestFactory) -> None:
    request = make_request("PATCH", "/users/7")
    assert (request.method, request.scheme, request.path) == ("PATCH", "http", "/users/7")
    assert request.http_version == "1.1"
    assert request.is_method("patch") and not request.is_method("GET")
    assert repr(request) == "<Request PATCH /users/7>"


def test_query_is_multi_valued_and_keeps_blank_values(make_request: RequestFactory) -> None:
    request = make_request(query=b"a=1&a=2&b=&c=x%20y")
    assert request.query.get("a") == "2"
    assert request.query.get_all("a") == ["1", "2"]
    assert request.query.getlist("a") == ["1", "2"]
    assert request.query["b"] == ""
    assert request.query["c"] == "x y"
    assert request.query_string == "a=1&a=2&b=&c=x%20y"


def test_headers_are_case_insensitive_and_multi_valued(make_request: RequestFactory) -> None:
    request = make_request(headers=[("X-Multi", "1"), ("x-multi", "2"), ("Accept", "*/*")])
    assert request.headers.get("x-MULTI") == "1"
    assert request.headers.get_all("X-Multi") == ["1", "2"]
    assert "accept" in request.headers


def test_cookies_are_read_from_every_cookie_header(make_request: RequestFactory) -> None:
    request = make_request(headers=[("cookie", 'a=1; b="two"'), ("cookie", "c=x%20y; a=9")])
    assert request.cookies == {"a": "1", "b": "two", "c": "x y"}


def test_host_port_and_url_come_from_the_host_header(make_request: RequestFactory) -> None:
    request = make_request(path="/a b", query=b"q=1", headers=[("host", "example.com:8443")])
    assert request.host == "example.com"
    assert request.port == 8443
    assert request.http_host == "example.com:8443"
    assert request.url == "http://example.com:8443/a%20b?q=1"


async def _no_body() -> AsyncIterator[bytes]:
    nothing: tuple[bytes, ...] = ()
    for chunk in nothing:
        yield chunk


@given(st.text().map(lambda text: "/" + text))
def test_url_percent_encodes_any_path(path: str) -> None:
    headers = [("host", "example.com")]
    request = Request("GET", "http", path, b"", headers, None, None, "1.1", _no_body, 0)
    assert request.url == f"http://example.com{quote(path)}"


def test_host_without_port_uses_the_scheme_default(make_request: RequestFactory) -> None:
    request = make_request(headers=[("host", "example.com")], scheme="https")
    assert request.port == 443
    assert request.url == "https://example.com/"
    assert request.is_secure()


def test_without_host_header_http_1_0_uses_the_server_address(
    make_request: RequestFactory,
) -> None:
    request = make_request(path="/x", http_version="1.0")
    assert request.host == "127.0.0.1"
    assert request.port == 8000
    assert request.url == "http://127.0.0.1:8000/x"
    assert not request.is_secure()


def test_client_is_the_ip_address_or_none(make_request: RequestFactory) -> None:
    assert make_request().client == "10.0.0.7"
    assert make_request(client=None).client is None


def test_ip_is_the_client_and_can_be_replaced(make_request: RequestFactory) -> None:
    request = make_request()
    assert request.ip() == "10.0.0.7"
    request.client = "198.51.100.7"  # what the trusted-proxies middleware does
    assert (request.ip(), request.client) == ("198.51.100.7", "198.51.100.7")
    request.client = "2001:db8::7"
    assert request.ip() == "2001:db8::7"
    request.client = None
    assert request.ip() is None


@pytest.mark.parametrize("host", ["evil.com@good.com", "good.com:bad", "good.com/..", "a b"])
def test_a_malformed_host_header_is_a_bad_request_wherever_it_is_read(
    make_request: RequestFactory, host: str
) -> None:
    for read in ("http_host", "host", "port", "url"):
        request = make_request(headers=[("host", host)])
        with pytest.raises(BadRequest, match=r"^Invalid Host header$"):
            getattr(request, read)


def test_an_empty_host_on_http_1_1_is_a_bad_request(make_request: RequestFactory) -> None:
    with pytest.raises(BadRequest, match="Invalid Host header"):
        _ = make_request(headers=[("host", "")]).url


def test_an_empty_host_on_http_1_0_is_no_host(make_request: RequestFactory) -> None:
    # Granian's ASGI side sends "Host: " when the client sent none.
    request = make_request(headers=[("host", "")], http_version="1.0")
    assert request.http_host == "127.0.0.1:8000"


def test_an_ipv6_server_address_is_bracketed(make_request: RequestFactory) -> None:
    request = make_request(server=("::1", 8000), http_version="1.0")
    assert (request.http_host, request.host, request.port) == ("[::1]:8000", "[::1]", 8000)
    assert request.url == "http://[::1]:8000/"


def test_the_host_can_be_replaced_only_by_a_well_formed_one(make_request: RequestFactory) -> None:
    request = make_request(headers=[("host", "internal:8000")])
    request.http_host = "shop.example:8443"
    assert (request.host, request.port, request.url) == (
        "shop.example",
        8443,
        "http://shop.example:8443/",
    )
    with pytest.raises(BadRequest, match="Invalid Host header"):
        request.http_host = "evil.com@shop.example"
    assert request.http_host == "shop.example:8443"


def test_a_malformed_http2_authority_is_a_bad_request() -> None:
    async def no_body() -> object:
        raise AssertionError

    request = Request(
        "GET",
        "https",
        "/",
        "",
        [],
        None,
        "0.0.0.0:443",
        "2",
        no_body,  # type: ignore[arg-type]
        10,
        authority="evil.com@a.io",
    )
    with pytest.raises(BadRequest, match="Invalid Host header"):
        _ = request.url


def test_route_params_and_route_default_empty_and_can_be_set(
    make_request: RequestFactory,
) -> None:
    request = make_request()
    assert request.route_params == {}
    assert request.route is None
    request.route_params = {"id": 7}
    assert request.route_params == {"id": 7}


def test_state_is_created_on_first_use(make_request: RequestFactory) -> None:
    request = make_request()
    assert not request.has_state()
    request.state.user = "ada"
    assert request.has_state()
    assert request.state.user == "ada"


def test_content_type_drops_parameters_and_content_length_is_an_int(
    make_request: RequestFactory,
) -> None:
    request = make_request(
        headers=[("content-type", "Application/JSON; charset=utf-8"), ("content-length", "12")]
    )
    assert request.content_type == "application/json"
    assert request.content_length == 12
    assert make_request().content_type is None
    assert make_request().content_length is None


def test_invalid_content_length_is_a_bad_request(make_request: RequestFactory) -> None:
    request = make_request(headers=[("content-length", "12abc")])
    with pytest.raises(BadRequest, match="Invalid Content-Length header '12abc'") as caught:
        _ = request.content_length
    assert caught.value.status_code == 400


@pytest.mark.parametrize(
    ("accept", "wants"),
    [
        ("application/json", True),
        ("application/vnd.api+json", True),
        ("text/html,application/xhtml+xml", False),
        (None, False),
    ],
)
def test_wants_json_reads_the_accept_header(
    make_request: RequestFactory, accept: str | None, wants: bool
) -> None:
    headers = [("accept", accept)] if accept else []
    assert make_request(headers=headers).wants_json() is wants


def test_expects_json_for_ajax_but_not_pjax(make_request: RequestFactory) -> None:
    ajax = [("x-requested-with", "XMLHttpRequest")]
    assert make_request(headers=ajax).expects_json()
    assert not make_request(headers=[*ajax, ("x-pjax", "true")]).expects_json()
    assert make_request(headers=[("accept", "application/json")]).expects_json()
    assert not make_request().expects_json()


def test_bearer_token_user_agent(make_request: RequestFactory) -> None:
    request = make_request(headers=[("authorization", "Bearer abc.def"), ("user-agent", "ua/1")])
    assert request.bearer_token() == "abc.def"
    assert request.user_agent() == "ua/1"
    assert make_request(headers=[("authorization", "Basic eA==")]).bearer_token() is None
    assert make_request().bearer_token() is None
    assert make_request().user_agent() is None


def test_nothing_is_parsed_at_construction() -> None:
    async def no_body() -> object:
        raise AssertionError("the body must not be read")

    request = Request(
        "GET",
        "http",
        "/",
        "a=1",
        [(b"host", b"x")],
        "1.2.3.4:5",
        "0.0.0.0:80",
        "2",
        no_body,  # type: ignore[arg-type]
        10,
        authority="y",
    )
    assert request._headers is None and request._query is None and request._cookies is None
    assert request.client == "1.2.3.4"
    assert request.host == "x"


def test_http2_authority_is_used_when_there_is_no_host_header() -> None:
    async def no_body() -> object:
        raise AssertionError

    request = Request(
        "GET",
        "https",
        "/p",
        "",
        [],
        None,
        "0.0.0.0:443",
        "2",
        no_body,
        10,
        authority="a.io",  # type: ignore[arg-type]
    )
    assert request.url == "https://a.io/p"


def test_asgi_addresses_as_lists_or_without_port(make_request: RequestFactory) -> None:
    request = make_request(
        client=["10.9.8.7", 4000], server=("unix.sock", None), http_version="1.0"
    )
    assert request.client == "10.9.8.7"
    assert request.port == 80
    assert request.url == "http://unix.sock/"


class _CountingScope:
    """A server scope that counts how often each attribute is read."""

    method = "GET"
    path = "/orders"
    headers = [("host", "shop.test")]

    def __init__(self) -> None:
        self.reads: dict[str, int] = {}

    def __getattr__(self, name: str) -> str | None:
        self.reads[name] = self.reads.get(name, 0) + 1
        facts = {
            "scheme": "https",
            "query_string": "page=2",
            "client": "10.0.0.9:5000",
            "server": "127.0.0.1:8443",
            "http_version": "2",
            "authority": None,
        }
        return facts[name]


def _body() -> object:
    raise AssertionError("the body is not read")


def test_a_request_from_a_scope_reads_connection_facts_only_when_asked() -> None:
    scope = _CountingScope()
    request = Request.from_scope(scope, _body, 1024)  # type: ignore[arg-type]
    assert (request.method, request.path) == ("GET", "/orders")
    assert scope.reads == {}
    assert request.url == "https://shop.test/orders?page=2"
    assert (request.client, request.http_version) == ("10.0.0.9", "2")
    assert request.port == 443
    assert (request.query_string, request.scheme) == ("page=2", "https")  # asked again
    assert scope.reads == dict.fromkeys(("scheme", "query_string", "client", "http_version"), 1)


def test_scheme_and_http_version_can_be_replaced() -> None:
    request = Request.from_scope(_CountingScope(), _body, 1024)  # type: ignore[arg-type]
    request.scheme = "http"
    request.http_version = "1.1"
    assert (request.scheme, request.http_version) == ("http", "1.1")
    assert request.url == "http://shop.test/orders?page=2"
