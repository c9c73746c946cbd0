"""The incoming HTTP request, the same object under RSGI and ASGI.

Construction only stores what the adapter gives; headers, query, cookies and the body are
read and parsed the first time something asks for them, then cached.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any, Final, Protocol
from urllib.parse import parse_qsl, quote

from orionis.http.body import BodySource, check_declared_length, decode_json, limited
from orionis.http.cookies import parse_cookies
from orionis.http.exceptions import (
    BadRequest,
    BodyConsumedError,
    RequestNotLoadedError,
    UnsupportedMediaType,
)
from orionis.http.form import FormData, parse_multipart, parse_urlencoded
from orionis.http.headers import Headers, RawHeaders, raw_lookup
from orionis.http.input import InteractsWithInput, merge_input
from orionis.http.multi_dict import MultiDict, QueryParams
from orionis.http.uploaded_file import UploadedFile
from orionis.http.web_request import WebRequestMixin

__all__ = ["Address", "Request", "ServerScope"]

Address = str | tuple[str, int | str | None] | None
"""An address as servers give it: ``"host:port"`` (RSGI) or ``(host, port)`` (ASGI)."""

_UNSET: Any = object()
# A connection fact (scheme, addresses, query string...) not read from the server's scope yet.
_UNREAD: Any = object()
_NONE, _JSON, _URLENCODED, _MULTIPART = 0, 1, 2, 3
_FORM_TYPES: Final = {
    "application/x-www-form-urlencoded": _URLENCODED,
    "multipart/form-data": _MULTIPART,
}
_DEFAULT_PORTS: Final = {"http": 80, "https": 443, "ws": 80, "wss": 443}


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


class Request(InteractsWithInput, WebRequestMixin):
    """``request.method``, ``request.query.get("page")``, ``await request.json()``...

    The sync input family (``input``, ``all``, ``only``, ``has``...) needs the body parsed
    first: the HTTP kernel awaits ``request.load()`` before middleware runs.
    """

    __slots__ = (
        "_authority",
        "_body",
        "_client",
        "_consumed",
        "_cookies",
        "_form",
        "_headers",
        "_http_version",
        "_json",
        "_loaded",
        "_merged",
        "_query",
        "_query_string",
        "_raw_headers",
        "_receive",
        "_scheme",
        "_server",
        "_source",
        "_state",
        "max_body_size",
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
        max_body_size: int,
        *,
        authority: str | None = None,
    ) -> None:
        self.method = method
        self._scheme = scheme
        self.path = path
        self._http_version = http_version
        self._source: ServerScope | None = None
        self.max_body_size = max_body_size
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
        self._query: QueryParams | None = None
        self._cookies: dict[str, str] | None = None
        self._state: SimpleNamespace | None = None
        self._body: bytes | None = None
        self._consumed = False
        self._loaded = False
        self._json: Any = _UNSET
        self._form: FormData | None = None
        self._merged: dict[str, Any] | None = None

    @classmethod
    def from_scope(cls, scope: ServerScope, body: BodySource, max_body_size: int) -> Request:
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
        """The client's IP address, or None when the server does not say."""
        host = _split_address(self._read("_client", "client"))[0]
        return host.strip("[]") if host else host

    @property
    def http_host(self) -> str:
        """``host[:port]`` as the client addressed it (Host header, else the server address)."""
        authority = self.headers.get("host") or self._read("_authority", "authority")
        if authority:
            return str(authority)
        host, port = _split_address(self._read("_server", "server"))
        if port is None or port == _DEFAULT_PORTS.get(self.scheme):
            return host or ""
        return f"{host}:{port}"

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
        url = f"{self.scheme}://{self.http_host}{quote(self.path)}"
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
        if not raw.strip().isdigit():
            raise BadRequest(
                f"Invalid Content-Length header {raw!r}: it must be a whole number of bytes."
            )
        return int(raw)

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

    # -- body ----------------------------------------------------------------------------

    def _kind(self) -> int:
        content_type = self.content_type
        if not content_type:
            return _NONE
        if content_type == "application/json" or content_type.endswith("+json"):
            return _JSON
        return _FORM_TYPES.get(content_type, _NONE)

    def _chunks(self) -> AsyncIterator[bytes]:
        if self._consumed:
            raise BodyConsumedError(
                f"The body of {self.method} {self.path} was already streamed and cannot be "
                "read again. Read it once with `await request.body()` (cached), or parse it "
                "with `await request.load()` before streaming it."
            )
        self._consumed = True
        check_declared_length(self.content_length, self.max_body_size)
        return limited(self._receive(), self.max_body_size)

    async def body(self) -> bytes:
        """The whole body (read once, then cached); over ``max_body_size`` raises 413."""
        if self._body is None:
            self._body = b"".join([chunk async for chunk in self._chunks()])
        return self._body

    async def stream(self) -> AsyncIterator[bytes]:
        """The body chunk by chunk, without buffering it (the cached body if already read)."""
        if self._body is not None:
            if self._body:
                yield self._body
            return
        async for chunk in self._chunks():
            yield chunk

    async def json(self) -> Any:
        """The decoded JSON body; wrong Content-Type raises 415, empty or broken raises 400."""
        if self._json is _UNSET:
            if self._kind() != _JSON:
                raise self._unsupported("application/json (or a +json type)")
            self._json = decode_json(await self.body())
            self._loaded = True
        return self._json

    async def form(self) -> FormData:
        """Fields and files of a urlencoded or multipart body; other types raise 415."""
        if self._form is None:
            kind = self._kind()
            if kind == _URLENCODED:
                self._form = parse_urlencoded(await self.body())
            elif kind == _MULTIPART:
                content_type = self._header("content-type") or ""
                self._form = await parse_multipart(content_type, self.stream())
            else:
                raise self._unsupported("application/x-www-form-urlencoded or multipart/form-data")
            self._loaded = True
        return self._form

    async def load(self) -> None:
        """Parse a JSON, urlencoded or multipart body so the sync input methods can read it.

        Idempotent; other content types (or none) are left unread.
        """
        if self._loaded:
            return
        kind = self._kind()
        if kind == _JSON:
            body = await self.body()
            if body.strip():
                self._json = decode_json(body)
        elif kind != _NONE:
            await self.form()
        self._loaded = True

    def _unsupported(self, expected: str) -> UnsupportedMediaType:
        return UnsupportedMediaType(
            f"Unsupported Content-Type {self.content_type or '(none)'!r} for "
            f"{self.method} {self.path}: expected {expected}."
        )

    # -- input (see InteractsWithInput) ------------------------------------------------------

    def _ensure_loaded(self) -> None:
        if not self._loaded and self._kind() != _NONE:
            raise RequestNotLoadedError(
                f"The {self.content_type} body of {self.method} {self.path} is not loaded, so "
                "input(), all(), only(), has() and files cannot see it. Call "
                "`await request.load()` first (the HTTP kernel does this before middleware)."
            )

    def _input_data(self) -> dict[str, Any]:
        merged = self._merged
        if merged is None:
            self._ensure_loaded()
            json = None if self._json is _UNSET else self._json
            merged = self._merged = merge_input(self.query, self._form, json)
        return merged

    def _uploaded_files(self) -> MultiDict[UploadedFile]:
        self._ensure_loaded()
        return self._form.files() if self._form is not None else MultiDict()
