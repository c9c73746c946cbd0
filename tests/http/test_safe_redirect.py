"""The open-redirect corpus against ``is_local_url``: what back() and intended() may follow."""

from __future__ import annotations

import pytest

from orionis.http import is_local_url
from tests.http.trust import HOST, LOCAL_TARGETS, OPEN_REDIRECTS


@pytest.mark.parametrize("url", OPEN_REDIRECTS)
def test_urls_that_leave_the_site_are_not_local(url: str) -> None:
    assert not is_local_url(url, HOST)


@pytest.mark.parametrize("url", LOCAL_TARGETS)
def test_paths_and_urls_on_this_host_are_local(url: str) -> None:
    assert is_local_url(url, HOST)


def test_the_host_is_compared_whole_and_case_insensitively() -> None:
    assert is_local_url("https://Shop.Example/x", "shop.example")
    assert not is_local_url("https://shop.example:8443/x", "shop.example")
    assert not is_local_url("https://user@shop.example/x", "shop.example")
