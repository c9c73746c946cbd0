"""The /web page of both raw baselines, as a minimal hand-written app would serve it.

Per request:

1. If the request carries a ``session`` cookie, it is opened (base64url, then AES-256-GCM with
   the cookie's name as associated data) and the CSRF token inside is kept. wrk sends no
   cookies, so under load every request takes step 2 instead.
2. Otherwise a new session: a CSRF token of 40 URL-safe characters (``secrets``).
3. The page is rendered with Jinja2 (environment built once, at import) from the same template
   file as the framework's (bench/project/resources/views/web.html): a title, 10 items built
   per request, and a form whose hidden ``_token`` field holds the token.
4. The session (``{"token": ...}`` as JSON) is sealed with AES-256-GCM (``cryptography``, a
   random 12-byte nonce, a key made at import) into ``Set-Cookie: session=...``.

That is the same kind of work as the framework's ``web`` group, in its smallest form. What the
framework does on top: two cookies (the session and ``XSRF-TOKEN``), each encrypted by the
``cookies`` middleware, the session payload encrypted once more by the ``cookie`` driver (with
its id, expiry and the page's URL), and the request scope, container and view globals.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from pathlib import Path

import jinja2
import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from markupsafe import Markup

__all__ = ["CONTENT_TYPE", "PATH", "page"]

PATH = "/web"
CONTENT_TYPE = "text/html; charset=utf-8"

_VIEWS = Path(__file__).resolve().parent / "project" / "resources" / "views"
_TEMPLATE = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(_VIEWS)), autoescape=True
).get_template("web.html")
_TITLE = "Items"
_COOKIE = "session"
_ATTRIBUTES = "; Max-Age=7200; Path=/; HttpOnly; SameSite=Lax"
_CIPHER = AESGCM(AESGCM.generate_key(bit_length=256))
_NONCE_BYTES = 12
_FIELD = Markup('<input type="hidden" name="_token" value="{}">')


def page(cookie_header: str | None) -> tuple[bytes, str]:
    """The page's HTML and the ``Set-Cookie`` value, for a request with ``cookie_header``."""
    token = _token_from(cookie_header) if cookie_header else None
    if token is None:
        token = secrets.token_urlsafe(30)
    items = [{"name": f"Item {i}", "price": i * 3} for i in range(1, 11)]
    html = _TEMPLATE.render(title=_TITLE, items=items, csrf_field=lambda: _FIELD.format(token))
    return html.encode(), f"{_COOKIE}={_seal(orjson.dumps({'token': token}))}{_ATTRIBUTES}"


def _seal(data: bytes) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    sealed = _CIPHER.encrypt(nonce, data, _COOKIE.encode())
    return base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode()


def _token_from(cookie_header: str) -> str | None:
    """The token of the request's session cookie; None when absent or not ours."""
    for pair in cookie_header.split(";"):
        name, _, value = pair.strip().partition("=")
        if name != _COOKIE:
            continue
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
            data = _CIPHER.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], _COOKIE.encode())
            token = orjson.loads(data).get("token")
        except (binascii.Error, ValueError, InvalidTag, AttributeError):
            return None
        return token if isinstance(token, str) else None
    return None
