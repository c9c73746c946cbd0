"""Which Host values are well formed, and how trusted-host patterns match."""

from __future__ import annotations

import pytest

from orionis.config.errors import ConfigError
from orionis.http.hosts import TrustedHosts, is_valid_host, strip_port

WELL_FORMED = [
    "example.com",
    "EXAMPLE.com",
    "example.com.",
    "example.com:8000",
    "example.com:65535",
    "localhost",
    "under_score.internal",
    "xn--gd-fka.example",
    "127.0.0.1",
    "127.0.0.1:8000",
    "[::1]",
    "[::1]:8443",
    "[2001:db8::7]",
    "[::ffff:127.0.0.1]:80",
    "a" * 253,
]
MALFORMED = [
    "",
    ":8000",
    "example.com:",
    "example.com:65536",
    "example.com:8o",
    "example.com:-1",
    "example.com:٣",  # an Arabic-Indic digit: str.isdigit() says yes
    "evil.com@example.com",
    "example.com/",
    "example.com\\x",
    "example.com x",
    "example.com\r\n",
    "example.com\x00",
    "exa mple.com",
    "..",
    "a..b",
    ".example.com",
    "a" * 254,
    "[::1",
    "::1",
    "[::1]]",
    "[::g]",
    "[v1.x]",
    "[fe80::1%25eth0]",
    "ex%61mple.com",
    "exämple.com",
    "example.com;x",
    "example.com'",
    "<script>",
]


@pytest.mark.parametrize("host", WELL_FORMED)
def test_well_formed_hosts(host: str) -> None:
    assert is_valid_host(host)
    assert is_valid_host(host)  # the cached answer too


@pytest.mark.parametrize("host", MALFORMED)
def test_malformed_hosts(host: str) -> None:
    assert not is_valid_host(host)
    assert not is_valid_host(host)


def test_strip_port() -> None:
    assert strip_port("example.com:8000") == "example.com"
    assert strip_port("example.com") == "example.com"
    assert strip_port("[::1]:80") == "[::1]"
    assert strip_port("[::1]") == "[::1]"


def test_exact_and_subdomain_patterns() -> None:
    hosts = TrustedHosts(["example.com", "*.apps.example.com"])
    assert not hosts.allows_any
    assert hosts.allows("example.com")
    assert hosts.allows("Example.COM.:8080")
    assert hosts.allows("a.apps.example.com")
    assert hosts.allows("b.a.apps.example.com")
    assert not hosts.allows("apps.example.com")
    assert not hosts.allows("www.example.com")
    assert not hosts.allows("example.com.evil.net")
    assert not hosts.allows("badapps.example.com")


def test_no_patterns_or_a_star_allow_every_host() -> None:
    assert TrustedHosts([]).allows_any and TrustedHosts([]).allows("anything.test")
    assert TrustedHosts(["example.com", "*"]).allows("other.test")


def test_ip_patterns() -> None:
    hosts = TrustedHosts(["127.0.0.1", "[::1]"])
    assert hosts.allows("127.0.0.1:8000") and hosts.allows("[::1]:8000")
    assert not hosts.allows("127.0.0.2")


@pytest.mark.parametrize(
    "pattern", ["https://example.com", "example.com/", "example.com:8000", "*example.com", ""]
)
def test_a_malformed_pattern_is_a_config_error_that_names_it(pattern: str) -> None:
    with pytest.raises(ConfigError) as caught:
        TrustedHosts(["ok.example", pattern])
    assert str(caught.value).startswith(f"config/http.py 'trusted_hosts': {pattern!r} is not")
    assert '"*.example.com"' in str(caught.value)
