"""HTTP exceptions and abort()."""

from __future__ import annotations

import pytest

from orionis.http.exceptions import (
    BadRequest,
    Forbidden,
    HttpException,
    InvalidStatusError,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    TooManyRequests,
    Unauthorized,
    UnprocessableEntity,
    UnsupportedMediaType,
    abort,
)
from orionis.support.errors import OrionisError


@pytest.mark.parametrize(
    ("cls", "status", "phrase"),
    [
        (BadRequest, 400, "Bad Request"),
        (Unauthorized, 401, "Unauthorized"),
        (Forbidden, 403, "Forbidden"),
        (NotFound, 404, "Not Found"),
        (MethodNotAllowed, 405, "Method Not Allowed"),
        (PayloadTooLarge, 413, "Request Entity Too Large"),
        (UnsupportedMediaType, 415, "Unsupported Media Type"),
        (UnprocessableEntity, 422, "Unprocessable Entity"),
        (TooManyRequests, 429, "Too Many Requests"),
    ],
)
def test_each_subclass_has_its_status_and_reason_phrase(
    cls: type[HttpException], status: int, phrase: str
) -> None:
    error = cls()
    assert isinstance(error, HttpException) and isinstance(error, OrionisError)
    assert (error.status_code, error.detail, error.headers) == (status, phrase, {})
    assert str(error) == phrase


def test_detail_and_headers_are_kept() -> None:
    error = Unauthorized("Log in first", {"WWW-Authenticate": "Bearer"})
    assert error.detail == "Log in first"
    assert error.headers == {"WWW-Authenticate": "Bearer"}
    assert repr(error) == "Unauthorized(status_code=401, detail='Log in first')"


def test_method_not_allowed_sends_the_allow_header() -> None:
    error = MethodNotAllowed(["get", "head"])
    assert error.allowed == ("GET", "HEAD")
    assert error.headers == {"Allow": "GET, HEAD"}


def test_too_many_requests_sends_retry_after() -> None:
    assert TooManyRequests(retry_after=30).headers == {"Retry-After": "30"}


def test_abort_raises_the_matching_subclass() -> None:
    with pytest.raises(NotFound) as caught:
        abort(404, "No such user", {"X-Reason": "gone"})
    assert caught.value.detail == "No such user"
    assert caught.value.headers == {"X-Reason": "gone"}


def test_abort_with_other_codes_raises_http_exception() -> None:
    with pytest.raises(HttpException) as caught:
        abort(418)
    assert type(caught.value) is HttpException
    assert (caught.value.status_code, caught.value.detail) == (418, "I'm a Teapot")
    with pytest.raises(HttpException, match=r"^Error$"):
        abort(599)


def test_invalid_status_is_refused() -> None:
    with pytest.raises(InvalidStatusError) as caught:
        abort(700)
    assert str(caught.value) == (
        "HTTP status 700 is not valid: use a code between 100 and 599 "
        "(for example abort(404) or HttpException(409, 'Already exists'))."
    )
