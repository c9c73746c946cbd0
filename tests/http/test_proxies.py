"""Which peers are trusted proxies, and the client address of an X-Forwarded-For chain."""

from __future__ import annotations

import pytest

from orionis.config.errors import ConfigError
from orionis.http.proxies import DEFAULT_FORWARDED_HEADERS, TrustedProxies


def test_addresses_and_networks_are_trusted_others_not() -> None:
    proxies = TrustedProxies(["10.0.0.0/8", "192.168.1.7", "fd00::/8"])
    assert proxies.enabled
    for peer in ("10.0.0.1", "10.255.255.255", "192.168.1.7", "fd00::1"):
        assert proxies.trusts(peer), peer
    for peer in ("11.0.0.1", "192.168.1.8", "2001:db8::1", None, "", "not-an-ip"):
        assert not proxies.trusts(peer), peer


def test_ipv4_peers_of_a_dual_stack_socket_match_ipv4_networks() -> None:
    proxies = TrustedProxies(["10.0.0.0/8"])
    assert proxies.trusts("::ffff:10.0.0.1") and not proxies.trusts("::ffff:11.0.0.1")
    assert proxies.client_of(["::ffff:198.51.100.7, 10.0.0.2"]) == "198.51.100.7"


def test_star_trusts_any_peer_but_no_hop_of_the_chain() -> None:
    proxies = TrustedProxies(["*"])
    assert proxies.trusts("203.0.113.9") and proxies.trusts(None)
    assert proxies.client_of(["1.1.1.1, 198.51.100.7"]) == "198.51.100.7"


def test_nothing_configured_trusts_nobody() -> None:
    proxies = TrustedProxies([])
    assert not proxies.enabled
    assert not proxies.trusts("127.0.0.1")


def test_client_of_walks_from_the_right_past_trusted_proxies() -> None:
    proxies = TrustedProxies(["10.0.0.0/8"])
    assert proxies.client_of(["6.6.6.6, 198.51.100.7, 10.0.0.2"]) == "198.51.100.7"
    assert proxies.client_of(["10.0.0.9, 10.0.0.2"]) == "10.0.0.9"
    assert proxies.client_of(["6.6.6.6, junk, 10.0.0.2"]) == "10.0.0.2"
    assert proxies.client_of(["junk"]) is None
    assert proxies.client_of([]) is None


def test_every_forwarded_header_is_honoured_by_default() -> None:
    assert TrustedProxies(["*"]).headers == frozenset(DEFAULT_FORWARDED_HEADERS)
    assert TrustedProxies(["*"], ["X-Forwarded-For"]).headers == {"x-forwarded-for"}


@pytest.mark.parametrize("entry", ["10.0.0.300", "10.0.0.0/33", "proxy.internal", ""])
def test_a_malformed_proxy_is_a_config_error_that_names_it(entry: str) -> None:
    with pytest.raises(ConfigError) as caught:
        TrustedProxies(["10.0.0.1", entry])
    message = str(caught.value)
    assert message.startswith(f"config/http.py 'trusted_proxies': {entry!r} is not an IP")
    assert '"10.0.0.0/8"' in message


def test_an_unknown_header_is_a_config_error_with_a_suggestion() -> None:
    with pytest.raises(ConfigError) as caught:
        TrustedProxies(["*"], ["x-forwarded-prot"])
    message = str(caught.value)
    assert "'trusted_headers': 'x-forwarded-prot' is not a forwarded header" in message
    assert "Did you mean 'x-forwarded-proto'" in message
