"""Which proxies are believed, and what their ``X-Forwarded-*`` headers change on a request.

Behind a load balancer every request comes from the balancer's address, over plain HTTP, for
whatever host the balancer was asked for; the client's address, scheme and host arrive in
``X-Forwarded-*`` headers. Anyone can send those headers, so they are read only when the
connection comes from a configured proxy, and the client address is the right-most address of
``X-Forwarded-For`` that is not a trusted proxy: addresses left of it were written by the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final, get_args

from orionis.config.errors import ConfigError
from orionis.config.sections import ForwardedHeader
from orionis.http.hosts import strip_port
from orionis.support.suggest import did_you_mean

if TYPE_CHECKING:
    from orionis.http.request import Request

__all__ = ["DEFAULT_FORWARDED_HEADERS", "ForwardedHeader", "TrustedProxies"]

DEFAULT_FORWARDED_HEADERS: Final[tuple[ForwardedHeader, ...]] = get_args(ForwardedHeader)
"""Every header `TrustedProxies` understands; all are honoured unless ``trusted_headers``
names fewer."""

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_SCHEMES: Final = {"http": "http", "https": "https"}
_WEBSOCKET_SCHEMES: Final = {"http": "ws", "https": "wss"}
_DEFAULT_PORTS: Final = {"http": 80, "https": 443, "ws": 80, "wss": 443}
_CACHE_LIMIT: Final = 512


def _address(text: str) -> _Address | None:
    """An IP address as ``X-Forwarded-For`` writes it: bare, or with a port
    (``203.0.113.9:4711``, ``[2001:db8::1]:4711``)."""
    text = text.strip()
    if text.startswith("["):
        text = text[1 : text.find("]")] if "]" in text else text
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; "10.0.0.0/8" must still match.
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped if mapped is not None else address


class TrustedProxies:
    """``TrustedProxies(["10.0.0.0/8", "192.168.1.7"])``; ``"*"`` trusts whichever peer
    connects (one hop: the proxy in front of the app, not addresses in the chain).

    ``apply(request)`` rewrites the request's client address, scheme and host from the
    forwarded headers when its peer is trusted, and leaves it alone otherwise.
    """

    __slots__ = ("_any_peer", "_checked", "_enabled", "_networks", "headers", "proxies")

    def __init__(
        self,
        proxies: Iterable[str],
        headers: Iterable[str] = DEFAULT_FORWARDED_HEADERS,
        *,
        source: str = "config/http.py",
    ) -> None:
        """``source`` names where the settings come from, for errors about bad entries."""
        self.proxies = tuple(proxies)
        self._any_peer = "*" in self.proxies
        self._networks = tuple(_network(entry, source) for entry in self.proxies if entry != "*")
        self.headers = frozenset(_header(name, source) for name in headers)
        self._enabled = self._any_peer or bool(self._networks)
        self._checked: dict[str, bool] = {}

    @property
    def enabled(self) -> bool:
        """False when no proxy is trusted: forwarded headers are then always ignored."""
        return self._enabled

    def trusts(self, address: str | None) -> bool:
        """Whether a connection from ``address`` (an IP, or None for a Unix socket) may set
        forwarded headers."""
        if self._any_peer:
            return True
        if address is None:
            return False
        known = self._checked.get(address)
        if known is None:
            parsed = _address(address)
            known = parsed is not None and self._listed(parsed)
            if len(self._checked) >= _CACHE_LIMIT:
                self._checked.clear()
            self._checked[address] = known
        return known

    def _listed(self, address: _Address) -> bool:
        return any(address in network for network in self._networks)

    def apply(self, request: Request) -> None:
        """Take the client, scheme and host from a trusted peer's ``X-Forwarded-*`` headers.

        A forwarded host that is not well formed raises ``BadRequest`` (400), like a Host
        header would.
        """
        if not self._enabled or not self.trusts(request.client):
            return
        headers = request.headers
        if "x-forwarded-for" in self.headers:
            client = self.client_of(headers.get_all("x-forwarded-for"))
            if client is not None:
                request.client = client
        if "x-forwarded-proto" in self.headers:
            self._apply_scheme(request, _first(headers.get("x-forwarded-proto")))
        host = _first(headers.get("x-forwarded-host")) if "x-forwarded-host" in self.headers else ""
        port = _first(headers.get("x-forwarded-port")) if "x-forwarded-port" in self.headers else ""
        if host or port:
            self._apply_host(request, host, port)

    def client_of(self, forwarded_for: Iterable[str]) -> str | None:
        """The client address of an ``X-Forwarded-For`` chain (every header, in order): the
        right-most address that is not a trusted proxy. An entry that is not an IP address
        ends the walk; None when the chain holds no address before that."""
        hops = [hop for header in forwarded_for for hop in header.split(",")]
        found: str | None = None
        for hop in reversed(hops):
            address = _address(hop)
            if address is None:
                break  # garbage written by someone: nothing left of it can be believed
            found = str(address)
            if not self._listed(address):
                break
        return found

    def _apply_scheme(self, request: Request, proto: str) -> None:
        scheme = _SCHEMES.get(proto.lower())
        if scheme is None:
            return  # not a scheme this request could have had: ignored, not guessed
        websocket = request.scheme in ("ws", "wss")
        request.scheme = _WEBSOCKET_SCHEMES[scheme] if websocket else scheme

    def _apply_host(self, request: Request, host: str, port: str) -> None:
        host = host or request.http_host
        if port.isascii() and port.isdigit() and 0 < int(port) <= 65535:
            name = strip_port(host)
            default = _DEFAULT_PORTS.get(request.scheme)
            host = name if int(port) == default else f"{name}:{int(port)}"
        request.http_host = host

    def __repr__(self) -> str:
        return f"TrustedProxies({list(self.proxies)!r}, headers={sorted(self.headers)!r})"


def _first(value: str | None) -> str:
    # A chain of proxies may each append a value; the first one came from the outermost proxy.
    return value.partition(",")[0].strip() if value else ""


def _network(entry: str, source: str) -> _Network:
    try:
        return ipaddress.ip_network(entry.strip(), strict=False)
    except ValueError:
        raise ConfigError(
            f"{source} 'trusted_proxies': {entry!r} is not an IP address or network. Use "
            'addresses ("10.0.0.5", "2001:db8::1"), CIDR networks ("10.0.0.0/8"), or "*" '
            "to trust whichever proxy connects directly."
        ) from None


def _header(name: str, source: str) -> str:
    lowered = name.lower()
    if lowered not in DEFAULT_FORWARDED_HEADERS:
        raise ConfigError(
            f"{source} 'trusted_headers': {name!r} is not a forwarded header Orionis reads."
            f"{did_you_mean(lowered, DEFAULT_FORWARDED_HEADERS)} Use any of "
            f"{', '.join(DEFAULT_FORWARDED_HEADERS)}."
        )
    return lowered
