"""The ``cookies`` middleware: cookies are encrypted on the way out and decrypted on the way in.

Each value is encrypted with the cookie's name as authenticated context, so a value cannot be
moved from one cookie to another. A cookie that does not decrypt (changed by the client, or
made with a key no longer listed) is dropped silently: the request goes on without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar
from urllib.parse import unquote

from orionis.encryption import DecryptError, Encrypter
from orionis.http.middleware.contract import Next
from orionis.http.request import Request
from orionis.http.response import Response
from orionis.http.websocket.middleware import WebSocketNext
from orionis.http.websocket.websocket import WebSocket

__all__ = ["CookieEncrypter", "EncryptCookies"]


class CookieEncrypter:
    """Encrypts and decrypts cookie values; names in ``plain`` are left as they are."""

    def __init__(self, encrypter: Encrypter, plain: Iterable[str] = ()) -> None:
        self.encrypter = encrypter
        self.plain = frozenset(plain)

    def decrypt_request(self, request: Request) -> None:
        """Replace the request's cookie values by their plain text; drop those that fail."""
        cookies = request.cookies
        for name, value in list(cookies.items()):
            if name in self.plain:
                continue
            try:
                cookies[name] = self.encrypter.decrypt_string(value, context=name)
            except DecryptError:
                del cookies[name]

    def encrypt_response(self, response: Response) -> None:
        """Encrypt the value of every ``Set-Cookie`` of ``response`` (deletions stay empty)."""
        raw: list[tuple[str, str]] = response.raw_headers
        for index, (header, value) in enumerate(raw):
            if header.lower() == "set-cookie":
                raw[index] = (header, self._encrypt_header(value))

    def _encrypt_header(self, header: str) -> str:
        pair, separator, attributes = header.partition(";")
        name, _, value = pair.partition("=")
        if name in self.plain or not value:
            return header
        sealed = self.encrypter.encrypt_string(unquote(value), context=name)
        return f"{name}={sealed}{separator}{attributes}"


class EncryptCookies:
    """Middleware alias ``cookies``: first of the ``web`` group."""

    resolve_at_boot: ClassVar[tuple[Any, ...]] = (CookieEncrypter,)

    def __init__(self, cookies: CookieEncrypter) -> None:
        self.cookies = cookies

    async def handle(self, request: Request, next: Next) -> Response:
        """Decrypt incoming cookies, run the request, encrypt outgoing ones."""
        if request.headers.get("cookie") is not None:
            self.cookies.decrypt_request(request)
        response = await next(request)
        self.cookies.encrypt_response(response)
        return response

    async def handle_websocket(self, websocket: WebSocket, next: WebSocketNext) -> None:
        """Decrypt the handshake's cookies (a tampered one is dropped), then go on."""
        request = websocket.request
        if request.headers.get("cookie") is not None:
            self.cookies.decrypt_request(request)
        await next(websocket)
