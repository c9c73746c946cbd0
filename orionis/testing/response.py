"""`TestResponse`: what a test request answered, with Laravel's fluent assertions."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from http.cookies import SimpleCookie
from typing import Any, NoReturn, Self
from urllib.parse import urlsplit

import httpx

from orionis.foundation.application import Application
from orionis.routing import UrlGenerator
from orionis.testing.exchange import RenderedView
from orionis.testing.json_assertions import AssertsJson
from orionis.testing.json_path import MISSING
from orionis.testing.report import describe_response

__all__ = ["REDIRECT_STATUSES", "TestResponse"]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class TestResponse(AssertsJson):
    """The response to one test request, and what the server did to produce it.

    Every ``assert_*`` returns the response for chaining; a failing one raises AssertionError
    showing the status, headers, a body excerpt and any exception the server handled.
    """

    __test__ = False  # not a test class, whatever pytest's naming rules say

    def __init__(
        self,
        app: Application,
        method: str,
        path: str,
        response: httpx.Response,
        exceptions: Sequence[BaseException] = (),
        views: Sequence[RenderedView] = (),
        *,
        session: Mapping[str, Any] | None = None,
    ) -> None:
        self.app = app
        self.method = method
        self.path = path
        self.response = response
        self.status: int = response.status_code
        self.headers: httpx.Headers = response.headers
        self.content: bytes = response.content
        self.exceptions = list(exceptions)
        self.views = list(views)
        self.session: dict[str, Any] | None = None if session is None else dict(session)
        """What the session driver stored after this request; None when it ran no session."""

    # ----------------------------------------------------------------- reading
    @property
    def text(self) -> str:
        """The body decoded as text."""
        return self.response.text

    def json(self) -> Any:
        """The body decoded as JSON."""
        return self.response.json()

    @property
    def exception(self) -> BaseException | None:
        """The last exception the server's exception handler turned into this response."""
        return self.exceptions[-1] if self.exceptions else None

    @property
    def view(self) -> RenderedView | None:
        """The last view rendered for this response."""
        return self.views[-1] if self.views else None

    @property
    def cookies(self) -> dict[str, str]:
        """The cookies this response sets (name -> value), deletions included as ``""``."""
        jar: SimpleCookie = SimpleCookie()
        for header in self.headers.get_list("set-cookie"):
            jar.load(header)
        return {name: morsel.value for name, morsel in jar.items()}

    def __repr__(self) -> str:
        return f"<TestResponse {self.status} {self.method} {self.path}>"

    def describe(self) -> str:
        """The response as failures show it."""
        return describe_response(self.method, self.path, self.response, self.exceptions)

    def _fail(self, message: str) -> NoReturn:
        __tracebackhide__ = True
        raise AssertionError(f"{message}\n\n{self.describe()}")

    # ----------------------------------------------------------------- status
    def assert_status(self, status: int) -> Self:
        """The status is ``status``."""
        __tracebackhide__ = True
        if self.status != status:
            self._fail(f"Expected status {status} but got {self.status}.")
        return self

    def assert_ok(self) -> Self:
        """The status is 200."""
        __tracebackhide__ = True
        return self.assert_status(200)

    def assert_successful(self) -> Self:
        """The status is 2xx."""
        __tracebackhide__ = True
        if not 200 <= self.status < 300:
            self._fail(f"Expected a successful (2xx) status but got {self.status}.")
        return self

    def assert_created(self) -> Self:
        """The status is 201."""
        __tracebackhide__ = True
        return self.assert_status(201)

    def assert_no_content(self, status: int = 204) -> Self:
        """The status is 204 (or ``status``) and the body is empty."""
        __tracebackhide__ = True
        self.assert_status(status)
        if self.content:
            self._fail("Expected an empty body.")
        return self

    def assert_not_found(self) -> Self:
        """The status is 404."""
        __tracebackhide__ = True
        return self.assert_status(404)

    def assert_unauthorized(self) -> Self:
        """The status is 401."""
        __tracebackhide__ = True
        return self.assert_status(401)

    def assert_forbidden(self) -> Self:
        """The status is 403."""
        __tracebackhide__ = True
        return self.assert_status(403)

    def assert_unprocessable(self) -> Self:
        """The status is 422."""
        __tracebackhide__ = True
        return self.assert_status(422)

    def assert_server_error(self) -> Self:
        """The status is 5xx."""
        __tracebackhide__ = True
        if not 500 <= self.status < 600:
            self._fail(f"Expected a server error (5xx) status but got {self.status}.")
        return self

    # ----------------------------------------------------------------- redirects
    def assert_redirect(self, to: str | None = None) -> Self:
        """A redirect status, to ``to`` when given (a path matches an absolute Location)."""
        __tracebackhide__ = True
        if self.status not in REDIRECT_STATUSES:
            self._fail(f"Expected a redirect (301, 302, 303, 307, 308) but got {self.status}.")
        location = self.headers.get("location")
        if to is not None and not _same_location(location, to):
            self._fail(f"Expected a redirect to {to!r} but it goes to {location!r}.")
        return self

    def assert_redirect_to_route(self, name: str, /, **params: Any) -> Self:
        """A redirect to the URL of route ``name`` with ``params``."""
        __tracebackhide__ = True
        urls: UrlGenerator = self.app.make(UrlGenerator)
        return self.assert_redirect(urls.route(name, **params))

    # ----------------------------------------------------------------- headers, cookies
    def assert_header(self, name: str, value: str | None = None) -> Self:
        """Header ``name`` is present, with ``value`` when given."""
        __tracebackhide__ = True
        values = self.headers.get_list(name)
        if not values:
            self._fail(f"Expected header {name!r} but the response has none.")
        if value is not None and value not in values:
            self._fail(f"Expected header {name!r} to be {value!r} but it is {values[0]!r}.")
        return self

    def assert_header_missing(self, name: str) -> Self:
        """Header ``name`` is absent."""
        __tracebackhide__ = True
        if name in self.headers:
            self._fail(f"Expected no header {name!r} but it is {self.headers[name]!r}.")
        return self

    def assert_cookie(self, name: str, value: str | None = None) -> Self:
        """The response sets cookie ``name``, to ``value`` when given."""
        __tracebackhide__ = True
        cookies = self.cookies
        if name not in cookies:
            known = ", ".join(cookies) or "none"
            self._fail(f"Expected cookie {name!r} to be set; the response sets: {known}.")
        if value is not None and cookies[name] != value:
            self._fail(f"Expected cookie {name!r} to be {value!r} but it is {cookies[name]!r}.")
        return self

    def assert_cookie_missing(self, name: str) -> Self:
        """The response does not set cookie ``name``."""
        __tracebackhide__ = True
        if name in self.cookies:
            self._fail(f"Expected cookie {name!r} not to be set.")
        return self

    # ----------------------------------------------------------------- body
    def assert_see(self, text: str, *, escape: bool = True) -> Self:
        """The body contains ``text`` (HTML-escaped first unless ``escape=False``)."""
        __tracebackhide__ = True
        needle = html.escape(text) if escape else text
        if needle not in self.text:
            self._fail(f"Expected to see {needle!r} in the body.")
        return self

    def assert_dont_see(self, text: str, *, escape: bool = True) -> Self:
        """The body does not contain ``text`` (HTML-escaped first unless ``escape=False``)."""
        __tracebackhide__ = True
        needle = html.escape(text) if escape else text
        if needle in self.text:
            self._fail(f"Expected not to see {needle!r} in the body.")
        return self

    # ----------------------------------------------------------------- views, session
    def assert_view_is(self, name: str) -> Self:
        """The response rendered view ``name`` (``"users.show"``)."""
        __tracebackhide__ = True
        rendered = self._rendered_view()
        if rendered.name != name:
            self._fail(f"Expected view {name!r} but {rendered.name!r} was rendered.")
        return self

    def assert_view_has(self, key: str, value: Any = MISSING) -> Self:
        """The rendered view got ``key``, equal to ``value`` when given."""
        __tracebackhide__ = True
        rendered = self._rendered_view()
        if key not in rendered.data:
            known = ", ".join(rendered.data) or "nothing"
            self._fail(f"View {rendered.name!r} has no {key!r}; it has: {known}.")
        if value is not MISSING and rendered.data[key] != value:
            found = rendered.data[key]
            self._fail(f"View {rendered.name!r} has {key}={found!r}, expected {value!r}.")
        return self

    def _rendered_view(self) -> RenderedView:
        __tracebackhide__ = True
        if self.view is None:
            self._fail("Expected a rendered view, but the response rendered none.")
        return self.view

    def assert_session_has(self, key: str, value: Any = MISSING) -> Self:
        """The session, as stored after the request, has ``key``, equal to ``value`` when given."""
        __tracebackhide__ = True
        session = self._stored_session()
        if key not in session:
            self._fail(f"Expected the session to have {key!r}; {_session_keys(session)}.")
        if value is not MISSING and session[key] != value:
            found = session[key]
            self._fail(f"Expected session {key!r} to be {value!r} but it is {found!r}.")
        return self

    def assert_session_missing(self, key: str) -> Self:
        """The session, as stored after the request, has no ``key`` (true when it ran none)."""
        __tracebackhide__ = True
        if self.session is not None and key in self.session:
            found = self.session[key]
            self._fail(f"Expected the session not to have {key!r} but it is {found!r}.")
        return self

    def _stored_session(self) -> dict[str, Any]:
        __tracebackhide__ = True
        if self.session is None:
            self._fail(
                "Expected a session, but the request ran none (the response sets no session "
                "cookie): its route needs the `session` middleware, which the `web` group has."
            )
        return self.session


def _session_keys(session: Mapping[str, Any]) -> str:
    # The application's keys first, the framework's (``_token``, ``_flash``…) after them.
    keys = sorted(session, key=lambda key: (key.startswith("_"), key))
    return f"it has: {', '.join(keys)}" if keys else "it is empty"


def _same_location(location: str | None, to: str) -> bool:
    if location is None:
        return False
    if location == to:
        return True
    # A path matches an absolute Location on the same path and query, and vice versa.
    actual, expected = urlsplit(location), urlsplit(to)
    return (actual.path, actual.query) == (expected.path, expected.query) and not (
        actual.netloc and expected.netloc
    )
