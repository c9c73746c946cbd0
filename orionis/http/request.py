"""The incoming HTTP request, the same object under RSGI and ASGI.

Construction only stores what the adapter gives; headers, query, cookies and the body are
read and parsed the first time something asks for them, then cached.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any, Final, Protocol
from urllib.parse import parse_qsl, quote

from orionis.http.body import BodyLimits, BodySource
from orionis.http.cookies import parse_cookies
from orionis.http.exceptions import BadRequest
from orionis.http.form import FormData
from orionis.http.headers import Headers, RawHeaders, raw_lookup
from orionis.http.hosts import INVALID_HOST, is_valid_host
from orionis.http.input import InteractsWithInput
from orionis.http.multi_dict import QueryParams
from orionis.http.request_body import UNSET, RequestBodyMixin
from orionis.http.web_request import WebRequestMixin

__all__ = ["Address", "Request", "ServerScope"]

Address = str | tuple[str, int | str | None] | None
"""An address as servers give it: ``"host:port"`` (RSGI) or ``(host, port)`` (ASGI)."""

# A connection fact (scheme, addresses, query string...) not read from the server's scope yet.
_UNREAD: Any = object()
_DEFAULT_PORTS: Final = {"http": 80, "https": 443, "ws": 80, "wss": 443}
# A path that quote() would return unchanged (most are): it skips the call.
_PLAIN_PATH: Final = re.compile(r"[A-Za-z0-9_.\-~/]*")


def _split_address(address: Address) -> tuple[str | None, int | None]:
    if address is None:
        return None, None
    if isinstance(address, (tuple, list)):  # ASGI; some servers send lists, unix sockets None
        port = address[1]
        return address[0], None if port is None else int(port)
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit() or host.endswith(":"):
        return address, None
    return host, int(port)


class ServerScope(Protocol):
    """What `Request.from_scope` reads: a server's per-request scope (RSGI's, for one)."""

    method: str
    path: str
    scheme: str
    query_string: str
    client: str
    server: str
    http_version: str
    authority: str | None

    @property
    def headers(self) -> RawHeaders: ...


class Request(RequestBodyMixin, InteractsWithInput, WebRequestMixin):
    """``request.method``, ``request.query.get("page")``, ``await request.json()``...

    The sync input family (``input``, ``all``, ``only``, ``has``...) needs the body parsed
    first: the HTTP kernel awaits ``request.load()`` before middleware runs.
    """

    __slots__ = (
        "_authority",
        "_client",
        "_cookies",
        "_headers",
        "_http_host",
        "_http_version",
        "_query",
        "_query_string",
        "_raw_headers",
        "_receive",
        "_scheme",
        "_server",
        "_source",
        "_state",
        "method",
        "path",
        "route",
        "route_params",
    )

    def __init__(
        self,
        method: str,
        scheme: str,
        path: str,
        query_string: str | bytes,
        headers: RawHeaders,
        client: Address,
        server: Address,
        http_version: str,
        body: BodySource,
        max_body_size: int | BodyLimits,
        *,
        authority: str | None = None,
    ) -> None:
        """``max_body_size``: the largest body in bytes, or the worker's ``BodyLimits``
        (size, read deadline and form limits), shared by its requests."""
        self.method = method
        self._scheme = scheme
        self.path = path
        self._http_version = http_version
        self._source: ServerScope | None = None
        self._limits = max_body_size
        self.route: Any = None
        # The matched route's parameters (set by the kernel; empty before routing). A plain
        # attribute, not a lazy property: the kernel sets it and the endpoint reads it on every
        # request, and a property costs a call each time.
        self.route_params: dict[str, Any] = {}
        self._query_string = query_string
        self._raw_headers = headers
        self._client = client
        self._server = server
        self._authority = authority
        self._receive = body
        self._headers: Headers | None = None
        self._http_host: str | None = None
        self._query: QueryParams | None = None
        self._cookies: dict[str, str] | None = None
        self._state: SimpleNamespace | None = None
        self._body: bytes | None = None
        self._consumed = False
        self._loaded = False
        self._json: Any = UNSET
        self._form: FormData | None = None
        self._merged: dict[str, Any] | None = None

    @classmethod
    def from_scope(
        cls, scope: ServerScope, body: BodySource, max_body_size: int | BodyLimits
    ) -> Request:
        """The request of a server ``scope``: method, path and headers are read now, the rest
        (scheme, query string, addresses, HTTP version, authority) when first asked for.

        Each attribute of Granian's RSGI scope is built when read; reading all nine costs
        ~1.7 µs a request (measured in a worker), and most requests need three.
        """
        request = cls(
            scope.method,
            _UNREAD,
            scope.path,
            _UNREAD,
            scope.headers,
            _UNREAD,
            _UNREAD,
            _UNREAD,
            body,
            max_body_size,
        )
        # Set here, not passed as authority=: a keyword argument makes the call ~0.15 µs slower.
        request._authority = _UNREAD
        request._source = scope
        return request

    def _read(self, slot: str, name: str) -> Any:
        # A connection fact, read from the server's scope on first use, then kept.
        value = getattr(self, slot)
        if value is _UNREAD:
            value = getattr(self._source, name)
            setattr(self, slot, value)
        return value

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.path}>"

    # -- URL and connection -------------------------------------------------------------

    @property
    def scheme(self) -> str:
        """``http`` or ``https`` (``ws``/``wss`` for WebSockets)."""
        scheme: str = self._read("_scheme", "scheme")
        return scheme

    @scheme.setter
    def scheme(self, scheme: str) -> None:
        self._scheme = scheme

    @property
    def http_version(self) -> str:
        """``1.1``, ``2``..."""
        version: str = self._read("_http_version", "http_version")
        return version

    @http_version.setter
    def http_version(self, version: str) -> None:
        self._http_version = version

    @property
    def query_string(self) -> str:
        """The raw query string, without the ``?``."""
        raw = self._read("_query_string", "query_string")
        return raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)

    @property
    def query(self) -> QueryParams:
        """The query string, multi-valued: ``query.get("a")``, ``query.get_all("a")``."""
        if self._query is None:
            self._query = QueryParams(parse_qsl(self.query_string, keep_blank_values=True))
        return self._query

    @property
    def headers(self) -> Headers:
        """Case-insensitive, multi-valued request headers."""
        if self._headers is None:
            self._headers = Headers.from_raw(self._raw_headers)
        return self._headers

    @property
    def cookies(self) -> dict[str, str]:
        """Cookies sent by the client, by name."""
        if self._cookies is None:
            self._cookies = parse_cookies(self.headers.get_all("cookie"))
        return self._cookies

    @property
    def client(self) -> str | None:
        """The client's IP address, or None when the server does not say.

        Behind a trusted proxy (``trusted_proxies`` in config/http.py) this is the address the
        proxy forwarded, not the proxy's own.
        """
        host = _split_address(self._read("_client", "client"))[0]
        return host.strip("[]") if host else host

    @client.setter
    def client(self, address: str | None) -> None:
        self._client = None if address is None else (address, None)

    def ip(self) -> str | None:
        """The client's IP address (``request.client``)."""
        return self.client

    @property
    def http_host(self) -> str:
        """``host[:port]`` the client addressed: the Host header (HTTP/2's authority), else,
        for HTTP/1.0 only, the server's address.

        A malformed host (``evil.com@good.com``, ``good.com:bad``, an empty Host on HTTP/1.1...)
        raises ``BadRequest`` (400): URLs are never built from one.
        """
        host = self._http_host
        if host is None:
            host = self._http_host = self._checked_host()
        return host

    @http_host.setter
    def http_host(self, host: str) -> None:
        # The trusted-proxies middleware sets the forwarded host: checked like a Host header.
        if not is_valid_host(host):
            raise BadRequest(INVALID_HOST)
        self._http_host = host

    def _checked_host(self) -> str:
        host: str | None = self._header("host")
        if host is None:
            host = self._read("_authority", "authority")
        if host:
            if not is_valid_host(host):
                raise BadRequest(INVALID_HOST)
            return host
        # No Host at all (Granian's ASGI side sends an empty one then): HTTP/1.0 allows that,
        # HTTP/1.1 and later require a Host (RFC 9112 section 3.2).
        if self.http_version not in ("1", "1.0"):
            raise BadRequest(INVALID_HOST)
        name, port = _split_address(self._read("_server", "server"))
        name = f"[{name}]" if name and ":" in name else name or ""
        if port is None or port == _DEFAULT_PORTS.get(self.scheme):
            return name
        return f"{name}:{port}"

    @property
    def host(self) -> str:
        """The host name without the port."""
        return _split_address(self.http_host)[0] or ""

    @property
    def port(self) -> int | None:
        """The port the client addressed (the scheme's default when the Host header has none)."""
        explicit = _split_address(self.http_host)[1]
        if explicit is not None:
            return explicit
        return _DEFAULT_PORTS.get(self.scheme) or _split_address(self._read("_server", "server"))[1]

    @property
    def url(self) -> str:
        """The full URL: scheme, host, percent-encoded path and query string."""
        query = self.query_string
        path = self.path
        if not _PLAIN_PATH.fullmatch(path):
            path = quote(path)
        url = f"{self.scheme}://{self.http_host}{path}"
        return f"{url}?{query}" if query else url

    # -- routing and per-request state -----------------------------------------------------

    @property
    def state(self) -> SimpleNamespace:
        """A bag of attributes for middleware and handlers to share during this request."""
        if self._state is None:
            self._state = SimpleNamespace()
        return self._state

    def has_state(self) -> bool:
        """True once something stored attributes in ``state`` (without creating it)."""
        return self._state is not None

    # -- headers helpers ---------------------------------------------------------------------

    def _header(self, name: str) -> str | None:
        # One lowercase header without decoding the rest (the kernel asks for Content-Type on
        # every request).
        if self._headers is not None:
            return self._headers.get(name)
        raw = self._raw_headers
        if isinstance(raw, (list, tuple)):
            if raw and isinstance(raw[0][0], bytes):
                # ASGI: byte names, lowercase as the spec says. One comparison per header,
                # not raw_lookup's two (it also serves str pairs): ~0.3 µs less a request.
                key = name.encode("latin-1")
                for item, value in raw:
                    if item == key:
                        return bytes(value).decode("latin-1")
                return None
            return raw_lookup(raw, name)
        # A server's mapping (RSGI): one call into it, not raw_lookup's checks and cast().
        found: str | None = raw.get(name)  # type: ignore[union-attr]
        return found

    @property
    def content_type(self) -> str | None:
        """The media type of the body, lowercase, without parameters (``application/json``)."""
        raw = self._header("content-type")
        return raw.partition(";")[0].strip().lower() if raw else None

    @property
    def content_length(self) -> int | None:
        """The declared body size, or None when the client did not declare it."""
        raw = self._header("content-length")
        if raw is None:
            return None
        raw = raw.strip()
        # isascii(): str.isdigit() also accepts digits such as "²" that int() refuses.
        if not (raw.isascii() and raw.isdigit()):
            raise BadRequest(
                f"Invalid Content-Length header {raw!r}: it must be a whole number of bytes."
            )
        # Past 18 digits the length is beyond any limit; int() of thousands of digits would be
        # refused (and slow), so such a length is simply "too large".
        return int(raw) if len(raw) <= 18 else 10**18

    def is_method(self, method: str) -> bool:
        """``request.is_method("post")``: case-insensitive comparison."""
        return self.method == method.upper()

    def is_secure(self) -> bool:
        """True over HTTPS."""
        return self.scheme in ("https", "wss")

    def user_agent(self) -> str | None:
        """The User-Agent header."""
        return self.headers.get("user-agent")

    def bearer_token(self) -> str | None:
        """The token of an ``Authorization: Bearer <token>`` header, or None."""
        authorization = self.headers.get("authorization", "")
        if authorization[:7].lower() != "bearer ":
            return None
        return authorization[7:].strip() or None

    def wants_json(self) -> bool:
        """True when the Accept header asks for JSON (``application/json`` or ``+json``)."""
        accept = self.headers.get("accept", "")
        return "/json" in accept or "+json" in accept

    def expects_json(self) -> bool:
        """True for AJAX (not PJAX) requests and for clients that want JSON."""
        headers = self.headers
        ajax = headers.get("x-requested-with") == "XMLHttpRequest"
        return (ajax and "x-pjax" not in headers) or self.wants_json()
