"""Reading the ``Cookie`` header and writing ``Set-Cookie`` values."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Literal
from urllib.parse import quote, unquote

from orionis.http.exceptions import InvalidCookieError
from orionis.support.suggest import did_you_mean

__all__ = ["SameSite", "parse_cookies", "set_cookie_header"]

SameSite = Literal["lax", "strict", "none"]

_SAME_SITE = {"lax": "Lax", "strict": "Strict", "none": "None"}
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# RFC 6265 cookie-octets minus '%', which starts our escapes.
_VALUE_SAFE = "!#$&'()*+-./:<=>?@[]^_`{|}~"
# A value made of these only is sent as it is (sealed cookies are base64url): quote() is the
# slowest step of a Set-Cookie header otherwise (measured).
_VALUE_PLAIN = re.compile(f"[0-9A-Za-z{re.escape(_VALUE_SAFE)}]*")
# What an attribute value must not hold: ';' adds an attribute, CR/LF/NUL split the header.
_ATTRIBUTE_BREAKERS = re.compile("[;\x00-\x1f\x7f]")


def parse_cookies(headers: Iterable[str]) -> dict[str, str]:
    """``a=1; b="two"`` -> ``{"a": "1", "b": "two"}``; values are percent-decoded.

    HTTP/2 clients may split cookies over several headers, so every header is read. When a
    name repeats, the first one wins (browsers send the most specific path first).
    """
    cookies: dict[str, str] = {}
    for header in headers:
        for pair in header.split(";"):
            name, sep, value = pair.partition("=")
            name = name.strip()
            if not sep or not name or name in cookies:
                continue
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            cookies[name] = unquote(value)
    return cookies


def set_cookie_header(
    key: str,
    value: str = "",
    *,
    max_age: int | None = None,
    expires: datetime | int | None = None,
    path: str | None = "/",
    domain: str | None = None,
    secure: bool = False,
    httponly: bool = True,
    samesite: str | None = "lax",
) -> str:
    """The value of one ``Set-Cookie`` header; the value is percent-encoded.

    ``expires`` is a datetime (naive means UTC) or seconds from now. ``samesite="none"``
    requires ``secure=True``, as browsers drop such cookies otherwise.
    """
    _check_name(key)
    if not _VALUE_PLAIN.fullmatch(value):
        value = quote(value, safe=_VALUE_SAFE)
    parts = [f"{key}={value}"]
    if max_age is not None:
        parts.append(f"Max-Age={int(max_age)}")
    if expires is not None:
        parts.append(f"Expires={_http_date(expires)}")
    if path:
        parts.append(f"Path={_attribute(key, 'path', path)}")
    if domain:
        parts.append(f"Domain={_attribute(key, 'domain', domain)}")
    if secure:
        parts.append("Secure")
    if httponly:
        parts.append("HttpOnly")
    if samesite is not None:
        parts.append(f"SameSite={_same_site(key, samesite, secure)}")
    return "; ".join(parts)


def _check_name(key: str) -> None:
    if not _TOKEN.fullmatch(key):
        raise InvalidCookieError(
            f"Cookie name {key!r} is not valid: use letters, digits and !#$%&'*+-.^_`|~ "
            "only (no spaces, '=', ';' or ',')."
        )


def _attribute(key: str, name: str, value: str) -> str:
    # Attributes go out as written (values are percent-encoded): a CR, LF or NUL here would
    # split the Set-Cookie header, a ';' would add an attribute.
    if _ATTRIBUTE_BREAKERS.search(value):
        raise InvalidCookieError(
            f"Cookie {key!r} has an invalid {name} {value!r}: it must not contain ';' or "
            "control characters (CR, LF, NUL...)."
        )
    return value


def _same_site(key: str, samesite: str, secure: bool) -> str:
    attribute = _SAME_SITE.get(samesite.lower())
    if attribute is None:
        raise InvalidCookieError(
            f"Cookie {key!r} has samesite={samesite!r}: use 'lax', 'strict' or 'none'."
            + did_you_mean(samesite.lower(), _SAME_SITE)
        )
    if attribute == "None" and not secure:
        raise InvalidCookieError(
            f"Cookie {key!r} has samesite='none' without secure=True: browsers reject "
            "SameSite=None cookies that are not Secure. Pass secure=True (HTTPS only) or "
            "use samesite='lax'."
        )
    return attribute


def _http_date(expires: datetime | int) -> str:
    if isinstance(expires, datetime):
        moment = expires if expires.tzinfo else expires.replace(tzinfo=UTC)
    else:
        moment = datetime.now(UTC) + timedelta(seconds=expires)
    return format_datetime(moment.astimezone(UTC), usegmt=True)
