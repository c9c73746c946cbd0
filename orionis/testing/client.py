"""`TestClient`: requests to the application in-process, through its RSGI or ASGI entry point."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http.cookies import SimpleCookie
from types import TracebackType
from typing import Any, Literal, Self, cast

import httpx

from orionis.foundation.application import Application
from orionis.foundation.enums.runtimes import Runtime
from orionis.http.middleware.encrypt_cookies import EncryptCookies
from orionis.support.suggest import did_you_mean
from orionis.testing.errors import TestingError
from orionis.testing.exchange import Exchange, instrument, is_instrumented, recording
from orionis.testing.middleware_switch import MiddlewareSwitch, middleware_classes
from orionis.testing.response import TestResponse
from orionis.testing.rsgi import RSGITestTransport
from orionis.testing.session_state import SessionState
from orionis.testing.websocket import WebSocketTestSession

__all__ = ["KERNELS", "KernelName", "TestClient"]

KernelName = Literal["rsgi", "asgi"]
KERNELS: tuple[KernelName, ...] = ("rsgi", "asgi")
# The client's address, as a server would report it.
CLIENT_ADDRESS = ("127.0.0.1", 50000)


class TestClient:
    """Sends requests to ``app`` without sockets, as Granian (``rsgi``) or an ASGI server would.

    Cookies the application sets are kept and sent with later requests of this client.
    ``with_*``/``without_*`` change the client for the requests that follow and return it.
    The application boots on the first request if it has not booted yet.
    """

    __test__ = False  # not a test class, whatever pytest's naming rules say

    def __init__(
        self, app: Application, *, kernel: str = "rsgi", base_url: str = "http://localhost"
    ) -> None:
        if kernel not in KERNELS:
            raise TestingError(
                f"Unknown kernel {kernel!r}.{did_you_mean(kernel, KERNELS)} "
                f"Use one of: {', '.join(KERNELS)}."
            )
        if not app.is_booted():
            instrument(app)  # before boot, so the kernel holds the recording handler
        self.app = app
        self.kernel = kernel
        self.base_url = base_url
        self._transport = _transport(app, kernel)
        self._headers: dict[str, str] = {}
        self._cookies: dict[str, str] = {}
        self._rethrow = False
        self._handled_anyway: tuple[type[BaseException], ...] = ()
        self._switch = MiddlewareSwitch()
        self._session_data: dict[str, Any] = {}
        self._sessions: SessionState | None = None

    # ----------------------------------------------------------------- configuration
    @property
    def cookies(self) -> dict[str, str]:
        """The cookies sent with the next request (a copy)."""
        return dict(self._cookies)

    def with_headers(self, headers: Mapping[str, str]) -> Self:
        """Send these headers with every following request."""
        self._headers.update({name.lower(): value for name, value in headers.items()})
        return self

    def with_header(self, name: str, value: str) -> Self:
        """Send header ``name`` with every following request."""
        return self.with_headers({name: value})

    def with_cookies(self, cookies: Mapping[str, str]) -> Self:
        """Send these cookies with every following request."""
        self._cookies.update(cookies)
        return self

    def with_cookie(self, name: str, value: str) -> Self:
        """Send cookie ``name`` with every following request."""
        return self.with_cookies({name: value})

    def with_session(self, data: Mapping[str, Any]) -> Self:
        """Run the following requests with a session holding ``data``.

        The values are merged into the client's session (a new one when it has none) through
        the application's session driver just before the next request, and the session cookie
        is sent, encrypted as the ``cookies`` middleware expects. Values must be JSON-ready.
        """
        self._session_data.update(data)
        return self

    def without_middleware(self, *classes: type) -> Self:
        """Skip these middleware classes (all of the application's when none are given) in
        every following request, until the client is closed."""
        self._switch.disable(classes or middleware_classes(self.app))
        return self

    def without_exception_handling(self, *handled_anyway: type[BaseException]) -> Self:
        """Let exceptions of the following requests propagate to the test instead of becoming
        error responses; those of the ``handled_anyway`` classes are still rendered."""
        if not is_instrumented(self.app):
            raise TestingError(
                "without_exception_handling() needs a client made before the application "
                "booted (the `client` fixture does this): the exception handler is set at boot."
            )
        self._rethrow, self._handled_anyway = True, handled_anyway
        return self

    def with_exception_handling(self) -> Self:
        """Turn errors into responses again (the default)."""
        self._rethrow, self._handled_anyway = False, ()
        return self

    # ----------------------------------------------------------------- requests
    async def get(self, path: str, **options: Any) -> TestResponse:
        """``GET path``; options as for `request`."""
        return await self.request("GET", path, **options)

    async def head(self, path: str, **options: Any) -> TestResponse:
        """``HEAD path``; options as for `request`."""
        return await self.request("HEAD", path, **options)

    async def options(self, path: str, **options: Any) -> TestResponse:
        """``OPTIONS path``; options as for `request`."""
        return await self.request("OPTIONS", path, **options)

    async def post(self, path: str, **options: Any) -> TestResponse:
        """``POST path``; options as for `request`."""
        return await self.request("POST", path, **options)

    async def put(self, path: str, **options: Any) -> TestResponse:
        """``PUT path``; options as for `request`."""
        return await self.request("PUT", path, **options)

    async def patch(self, path: str, **options: Any) -> TestResponse:
        """``PATCH path``; options as for `request`."""
        return await self.request("PATCH", path, **options)

    async def delete(self, path: str, **options: Any) -> TestResponse:
        """``DELETE path``; options as for `request`."""
        return await self.request("DELETE", path, **options)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        files: Mapping[str, Any] | None = None,
        content: bytes | str | None = None,
        headers: Mapping[str, str] | None = None,
        cookies: Mapping[str, str] | None = None,
    ) -> TestResponse:
        """Send one request. ``json`` is sent as JSON; ``data`` as a form (multipart with
        ``files``: ``{"avatar": ("me.png", b"...", "image/png")}``); ``headers`` and
        ``cookies`` apply to this request only, on top of the client's own."""
        if self._session_data:
            await self._seed_session()
        request = httpx.Request(
            method,
            self.base_url + path,
            params=params,
            json=json,
            data=data,
            files=files,
            content=content,
            headers=self._headers_for(headers, cookies),
        )
        exchange = Exchange(rethrow=self._rethrow, handled_anyway=self._handled_anyway)
        with recording(exchange):
            response = await self._transport.handle_async_request(request)
            await response.aread()
        self._keep_cookies(response)
        return TestResponse(
            self.app,
            method,
            path,
            response,
            exchange.exceptions,
            exchange.views,
            session=await self._session_after(response),
        )

    def websocket(
        self,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        cookies: Mapping[str, str] | None = None,
        subprotocols: Sequence[str] = (),
        timeout: float = 5.0,
    ) -> WebSocketTestSession:
        """A WebSocket connection to ``path``: ``async with client.websocket("/ws") as ws:``.

        The handshake carries the client's headers and cookies (and its ``with_session``
        data), plus ``headers``/``cookies`` given here; ``subprotocols`` are offered in
        ``Sec-WebSocket-Protocol``. A refused handshake raises ``WebSocketRejected``.
        ``timeout`` bounds each wait for the application (seconds).
        """
        url = httpx.URL(self.base_url + path, params=params)

        async def handshake_headers() -> dict[str, str]:
            if self._session_data:
                await self._seed_session()
            return self._headers_for(headers, cookies)

        exchange = Exchange(rethrow=self._rethrow, handled_anyway=self._handled_anyway)
        return WebSocketTestSession(
            self.app,
            self.kernel,
            url,
            handshake_headers,
            subprotocols=subprotocols,
            exchange=exchange,
            client=CLIENT_ADDRESS,
            timeout=timeout,
        )

    def _headers_for(
        self, headers: Mapping[str, str] | None, cookies: Mapping[str, str] | None
    ) -> dict[str, str]:
        merged = {**self._headers, **{k.lower(): v for k, v in (headers or {}).items()}}
        jar = {**self._cookies, **(cookies or {})}
        if jar and "cookie" not in merged:
            merged["cookie"] = "; ".join(f"{name}={value}" for name, value in jar.items())
        return merged

    def _keep_cookies(self, response: httpx.Response) -> None:
        for header in response.headers.get_list("set-cookie"):
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] in ("0", "-1") or _expired(morsel["expires"]):
                    self._cookies.pop(name, None)
                else:
                    self._cookies[name] = morsel.value

    # ----------------------------------------------------------------- sessions
    async def _session_state(self) -> SessionState:
        if self._sessions is None:
            await self.app.boot(Runtime.HTTP)  # the session manager is configured at boot
            self._sessions = SessionState(self.app)
        return self._sessions

    async def _seed_session(self) -> None:
        sessions = await self._session_state()
        name = sessions.cookie_name
        # With the `cookies` middleware switched off, the application reads the cookie as sent.
        encrypted = EncryptCookies not in self._switch.disabled
        current = self._cookies.get(name)
        self._cookies[name] = await sessions.seed(current, self._session_data, encrypted=encrypted)
        self._session_data = {}

    async def _session_after(self, response: httpx.Response) -> dict[str, Any] | None:
        """What the driver stores for the session the response's cookie names; None when the
        request ran no session (no ``Set-Cookie`` at all is the common, free case)."""
        if "set-cookie" not in response.headers:
            return None
        sessions = await self._session_state()
        jar: SimpleCookie = SimpleCookie()
        for header in response.headers.get_list("set-cookie"):
            jar.load(header)
        morsel = jar.get(sessions.cookie_name)
        if morsel is None or not morsel.value:
            return None
        return await sessions.read(morsel.value)

    # ----------------------------------------------------------------- lifetime
    async def aclose(self) -> None:
        """Switch disabled middleware back on."""
        self._switch.restore()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


def _transport(app: Application, kernel: str) -> httpx.AsyncBaseTransport:
    if kernel == "rsgi":
        return RSGITestTransport(app, CLIENT_ADDRESS)
    return httpx.ASGITransport(app=cast(Any, app), client=CLIENT_ADDRESS)


def _expired(expires: str) -> bool:
    if not expires:
        return False
    try:
        return parsedate_to_datetime(expires) <= datetime.now(UTC)
    except (TypeError, ValueError):
        return False
