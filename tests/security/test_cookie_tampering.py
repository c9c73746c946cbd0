"""Tampered cookies never give a request any data, and never a 500 (property test).

A browser session is made for real (``GET /set``: an encrypted app cookie ``flavour``, session
data, the ``XSRF-TOKEN`` cookie). Hypothesis then changes one of the cookies (the app cookie or
the session cookie) in every way a client could, and the request goes through the real
``cookies`` and ``session`` middleware, in process, through RSGI and ASGI, with the ``cookie``
and the ``file`` session drivers. The handler echoes what it received: the changed cookie must
give nothing (no ``flavour``; a new, empty session), the other cookies must still work.

The only changed values allowed through are spellings the cookie parser defines as the same
value (percent-encoding, undone by ``urllib.parse.unquote``); they must give the genuine data.
"""

from __future__ import annotations

import asyncio
import base64
import string
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orionis.encryption import Encrypter
from tests.security.web_app import (
    CALLS,
    GENUINE_DATA,
    GENUINE_FLAVOUR,
    OTHER_KEY,
    SESSION_COOKIE,
    SESSION_DRIVERS,
    set_cookies_of,
    web_app,
    write_web_project,
)

TARGETS = ("flavour", SESSION_COOKIE)
BASE64URL = string.ascii_letters + string.digits + "-_"
# Characters a lenient decoder might skip or map onto the alphabet, and cookie-parser syntax.
TRICKY = "+/=.%,!*~:@$&'()[]"
# Raw non-ASCII bytes a header can carry (latin-1), without controls or spaces the cookie
# parser trims.
LATIN1 = st.characters(min_codepoint=0x80, max_codepoint=0xFF, exclude_categories=("Cc", "Zs"))

Call = Callable[..., Any]


def _raw(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _flip(raw: bytes, bit: int) -> str:
    changed = bytearray(raw)
    changed[bit // 8] ^= 1 << (bit % 8)
    return _encode(bytes(changed))


def _respellings(genuine: str) -> list[str]:
    """Other spellings of the same bytes a lenient base64 decoder accepts."""
    raw = _raw(genuine)
    spellings = [
        genuine.replace("-", "+").replace("_", "/"),
        genuine + "=",
        genuine + "==",
        *(genuine[:-1] + char for char in BASE64URL),  # the last character's unused bits
    ]
    found = []
    for candidate in spellings:
        try:
            same = base64.b64decode(candidate.replace("-", "+").replace("_", "/") + "==") == raw
        except ValueError:
            same = False
        if same and candidate != genuine:
            found.append(candidate)
    return found


def _percent_games(value: str) -> st.SearchStrategy[str]:
    """``value`` with some characters percent-encoded (lower or upper hex, or twice)."""

    def encode(picked: tuple[frozenset[int], bool, bool]) -> str:
        indexes, lower, twice = picked
        out = []
        for index, char in enumerate(value):
            if index not in indexes:
                out.append(char)
                continue
            escaped = quote(char, safe="")
            escaped = escaped if escaped != char else f"%{ord(char):02X}"
            escaped = quote(escaped, safe="") if twice else escaped
            out.append(escaped.lower() if lower else escaped)
        return "".join(out)

    positions = st.frozensets(st.integers(0, max(len(value) - 1, 0)), min_size=1, max_size=6)
    return st.tuples(positions, st.booleans(), st.booleans()).map(encode)


def tampered(genuine: str, others: list[str]) -> st.SearchStrategy[str]:
    """Every way to change the cookie value ``genuine``; ``others`` are values to put instead
    (other cookies, another key's seal, the plain text)."""
    raw, size = _raw(genuine), len(genuine)
    text = st.text(BASE64URL + TRICKY, min_size=1, max_size=64)

    def insert(at_and_text: tuple[int, str]) -> str:
        at, extra = at_and_text
        return genuine[:at] + extra + genuine[at:]

    def replace(at_and_char: tuple[int, str]) -> str:
        at, char = at_and_char
        return genuine[:at] + char + genuine[at + 1 :]

    changed = st.one_of(
        st.integers(0, 8 * len(raw) - 1).map(lambda bit: _flip(raw, bit)),
        st.tuples(st.integers(0, size - 1), st.sampled_from(BASE64URL + TRICKY))
        .filter(lambda pair: genuine[pair[0]] != pair[1])
        .map(replace),
        st.sampled_from(_respellings(genuine) or [genuine + "="]),
        st.integers(0, size - 1).map(lambda keep: genuine[:keep]),
        text.map(lambda extra: genuine + extra),
        st.tuples(st.integers(0, size), text).map(insert),
        st.sampled_from([*others, "", '""', "=", "%", "%00", genuine[::-1]]),
        st.integers(4096, 65536).map(lambda length: (genuine * (length // size + 1))[:length]),
        st.tuples(st.integers(0, size), st.text(LATIN1, min_size=1, max_size=4)).map(insert),
        st.tuples(st.integers(0, size), st.text(min_size=1, max_size=4).map(quote)).map(insert),
    )
    return st.one_of(
        changed,
        changed.flatmap(_percent_games),
        _percent_games(genuine),  # the same value, spelled differently: must still work
    )


class Browser:
    """The genuine cookies of one session, and a way to send them with one of them changed."""

    def __init__(self, app: Any, call: Call, runner: asyncio.Runner) -> None:
        self.app, self.call, self.runner = app, call, runner
        self.cookies = set_cookies_of(self.send("/set", {}))

    def send(self, path: str, cookies: dict[str, str]) -> Any:
        header = "; ".join(f"{name}={value}" for name, value in cookies.items())
        headers = {"cookie": header} if header else {}
        return self.runner.run(self.call(self.app, "GET", path, headers=headers))

    def echo(self, name: str | None = None, value: str = "") -> tuple[int, dict[str, Any]]:
        cookies = dict(self.cookies)
        if name is not None:
            cookies[name] = value
        result = self.send("/echo", cookies)
        return result.status, (result.json() if result.status == 200 else {})


def _others(browser: Browser, target: str) -> list[str]:
    """Values to swap in for ``target``: other cookies' values, seals made elsewhere."""
    foreign = Encrypter.from_config(OTHER_KEY)
    genuine = browser.cookies[target]
    return [
        *(value for name, value in browser.cookies.items() if name != target),
        foreign.encrypt_string(GENUINE_FLAVOUR, context=target),
        foreign.encrypt_string(genuine, context=target),
        foreign.encrypt({"id": "a" * 40, "data": GENUINE_DATA, "expires": time.time() + 3600}),
        GENUINE_FLAVOUR,
        "a" * 40,  # a well-formed session id, unencrypted
    ]


@pytest.mark.parametrize("kernel", sorted(CALLS))
@pytest.mark.parametrize("driver", sorted(SESSION_DRIVERS))
@pytest.mark.parametrize("target", TARGETS)
def test_a_tampered_cookie_gives_the_request_nothing(
    tmp_path: Path, kernel: str, driver: str, target: str
) -> None:
    root = write_web_project(tmp_path, session=SESSION_DRIVERS[driver])
    with web_app(root) as app, asyncio.Runner() as runner:
        runner.run(app.boot())
        try:
            browser = Browser(app, CALLS[kernel], runner)
            status, genuine = browser.echo()
            # The untouched cookies carry the data: what the property below relies on.
            assert status == 200
            assert genuine["flavour"] == GENUINE_FLAVOUR and genuine["session"] == GENUINE_DATA
            _check_mutations(browser, target, genuine)
        finally:
            runner.run(app.shutdown())


def _check_mutations(browser: Browser, target: str, genuine: dict[str, Any]) -> None:
    original = browser.cookies[target]

    @settings(
        max_examples=500,
        deadline=None,
        derandomize=True,  # the same 500 examples on every run, in CI too
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(value=tampered(original, _others(browser, target)))
    def check(value: str) -> None:
        status, seen = browser.echo(target, value)
        assert status == 200, f"{status} for {target}={value!r}"
        same_value = unquote(value) == original
        if target == "flavour":
            assert seen["flavour"] == (GENUINE_FLAVOUR if same_value else None)
            assert seen["session"] == GENUINE_DATA  # the untouched session still works
        elif same_value:
            assert seen["session"] == GENUINE_DATA and seen["id"] == genuine["id"]
        else:
            assert seen["session"] == {} and seen["id"] != genuine["id"]
            assert seen["flavour"] == GENUINE_FLAVOUR

    check()
