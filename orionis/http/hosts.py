"""Host values: which ones are well formed, and which ones the application answers to.

A Host header is client input: Granian passes ``evil.com@good.com``, ``good.com:bad``,
``good.com/..``, values with spaces and values thousands of characters long to the application
unchanged (measured, RSGI and ASGI alike). Anything built from the host (absolute URLs, redirect
targets, password-reset links) must only ever see a value that passed `is_valid_host`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from typing import Final

from orionis.config.errors import ConfigError

__all__ = ["INVALID_HOST", "TrustedHosts", "is_valid_host", "strip_port"]

INVALID_HOST: Final = "Invalid Host header"
"""The detail of the 400 answered for a malformed or untrusted host."""

# A DNS-style name (RFC 3986 unreserved characters only: sub-delims and %-escapes are legal in a
# reg-name but no resolvable name has them, and they are what breaks out of URLs and HTML
# attributes) or a bracketed IPv6 literal, then an optional port. Checked with fullmatch.
_HOST = re.compile(
    r"(?:\[(?P<literal>[0-9A-Fa-f:.]{2,45})\]|(?P<name>[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,252}))"
    r"(?::(?P<port>[0-9]{1,5}))?"
)
_MAX_LENGTH: Final = 261  # a 253-character name, ':' and a 5-digit port; an IPv6 literal fits
# Hosts already checked, so that the regex runs once per distinct value, not once per request.
_CACHE_LIMIT: Final = 512
_checked: dict[str, bool] = {}


def is_valid_host(value: str) -> bool:
    """True for ``name[:port]`` or ``[ipv6][:port]``: letters, digits, ``-._~`` in the name,
    no empty label, a port of at most 65535. False for anything else, the empty string included.
    """
    if len(value) > _MAX_LENGTH:
        return False  # never cached: the cache holds short keys only
    known = _checked.get(value)
    if known is None:
        known = _well_formed(value)
        if len(_checked) >= _CACHE_LIMIT:
            # Bounded: a client sending endless distinct hosts only costs regex time.
            _checked.clear()
        _checked[value] = known
    return known


def _well_formed(value: str) -> bool:
    match = _HOST.fullmatch(value)
    if match is None:
        return False
    literal, name, port = match.groups()
    if port is not None and int(port) > 65535:
        return False
    if literal is not None:
        try:
            ipaddress.IPv6Address(literal)
        except ValueError:
            return False
        return True
    # One trailing dot is the DNS root ("example.com."); any other empty label is not a name.
    return ".." not in name and not name.startswith(".")


def strip_port(host: str) -> str:
    """``example.com:8000`` -> ``example.com``; ``[::1]:80`` -> ``[::1]``; a host without a
    port is returned as it is."""
    if host.endswith("]"):
        return host
    name, sep, port = host.rpartition(":")
    return name if sep and port.isdigit() and not name.endswith(":") else host


def _normal(host: str) -> str:
    # Names are case-insensitive, and "example.com." is "example.com".
    return host.lower().removesuffix(".")


class TrustedHosts:
    """The host names an application answers to: ``TrustedHosts(["example.com",
    "*.example.com"])``.

    ``"example.com"`` matches that name exactly, ``"*.example.com"`` any subdomain of it at any
    depth (not ``example.com`` itself: list both for both), ``"*"`` anything well formed. Ports
    are ignored. No patterns at all means any well-formed host.
    """

    __slots__ = ("_any", "_exact", "_matched", "_suffixes", "patterns")

    def __init__(
        self, patterns: Iterable[str], *, source: str = "config/http.py 'trusted_hosts'"
    ) -> None:
        """``source`` names where the patterns come from, for the error about a bad one."""
        self.patterns = tuple(patterns)
        exact: set[str] = set()
        suffixes: list[str] = []
        for pattern in self.patterns:
            if pattern == "*":
                continue
            name = pattern[2:] if pattern.startswith("*.") else pattern
            if not is_valid_host(name) or strip_port(name) != name:
                raise ConfigError(
                    f"{source}: {pattern!r} is not a host pattern. "
                    'Use a host name without scheme, path or port ("example.com"), "*." before '
                    'it for every subdomain ("*.example.com"), or "*" for any host.'
                )
            if pattern.startswith("*."):
                suffixes.append("." + _normal(name))
            else:
                exact.add(_normal(name))
        self._any = "*" in self.patterns or not self.patterns
        self._exact = frozenset(exact)
        self._suffixes = tuple(suffixes)
        self._matched: dict[str, bool] = {}

    @property
    def allows_any(self) -> bool:
        """True when every well-formed host is accepted (no patterns, or ``"*"``)."""
        return self._any

    def allows(self, host: str) -> bool:
        """Whether ``host`` (a well-formed host, with or without its port) is trusted."""
        if self._any:
            return True
        found = self._matched.get(host)
        if found is None:
            name = _normal(strip_port(host))
            found = name in self._exact or any(name.endswith(suffix) for suffix in self._suffixes)
            if len(self._matched) >= _CACHE_LIMIT:
                self._matched.clear()
            self._matched[host] = found
        return found

    def __repr__(self) -> str:
        return f"TrustedHosts({list(self.patterns)!r})"
