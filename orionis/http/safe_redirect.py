"""Whether a URL taken from the request (Referer, a stored "previous" or "intended" URL) may be
redirected to without sending the user to another site.

Browsers are lenient where this check must not be: they drop tabs and line breaks anywhere in a
URL, trim spaces and control characters around it, read ``\\`` as ``/`` (``/\\evil.example`` is
``//evil.example``), take ``https:evil.example`` as ``https://evil.example``, and a client or an
intermediary may decode ``%2F%2Fevil.example`` before it matters. So the check refuses rather
than normalises: anything unusual is not "local", and the caller uses its safe default.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import SplitResult, unquote, urlsplit

__all__ = ["is_local_url"]

_MAX_LENGTH: Final = 8192
_DECODE_ROUNDS: Final = 3  # %252F%252F needs two; a third catches one more layer
# Browsers remove tabs and line breaks anywhere in a URL and trim C0 controls and spaces first.
_DROPPED: Final = str.maketrans("", "", "\t\n\r")
_TRIMMED: Final = "".join(chr(code) for code in range(0x21))


def is_local_url(url: str, host: str) -> bool:
    """True when ``url`` is an http(s) URL on ``host`` (``host[:port]`` as in
    ``request.http_host``; compared case-insensitively, port included) or a path on this site
    (``/account``). False for other hosts, scheme-relative (``//x``) and backslash forms, other
    schemes (``javascript:``, ``data:``), whitespace, control or non-ASCII characters, and for
    anything that points elsewhere once percent-decoded (up to three layers).
    """
    if not url or len(url) > _MAX_LENGTH or not url.isascii():
        return False
    if "\\" in url or any(char <= " " or char == "\x7f" for char in url):
        return False  # what browsers drop or rewrite: never in a URL a browser sent
    host = host.lower()
    form = url
    for _ in range(_DECODE_ROUNDS + 1):
        if not _points_here(form, host):
            return False
        decoded = unquote(form)
        if decoded == form:
            return True
        form = decoded
    return False  # still encoded after every round: nobody writes URLs like that


def _points_here(form: str, host: str) -> bool:
    # Read the way a lenient parser (a browser, or code that decodes and redirects again) would.
    lenient = form.translate(_DROPPED).lstrip(_TRIMMED).replace("\\", "/")
    try:
        parts = urlsplit(lenient)
    except ValueError:  # an unbalanced "[" in the host, for one
        return False
    if parts.scheme or parts.netloc:
        return _same_host(parts, host)
    # A path on this site: "/x", never "//x" (another host) and never relative ("x", "?x"),
    # whose meaning depends on the page the browser is on.
    return lenient.startswith("/") and not lenient.startswith("//")


def _same_host(parts: SplitResult, host: str) -> bool:
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False  # javascript:, data:, "https:evil.example" (no //), "//evil.example"...
    # The whole netloc, so that user info ("good@evil") or another port never passes.
    return parts.netloc.lower() == host
