"""Errors raised while handling a request.

``HttpException`` and its subclasses are answered with their status code by the exception
handler. The other classes here are programming errors found while a request is read or a
response is built; they become a 500 and are reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import ClassVar, NoReturn

from orionis.support.errors import OrionisError

__all__ = [
    "BadRequest",
    "BodyConsumedError",
    "Forbidden",
    "HttpException",
    "InvalidCookieError",
    "InvalidEventError",
    "InvalidHeaderError",
    "InvalidStatusError",
    "MethodNotAllowed",
    "MissingFileError",
    "NotFound",
    "PayloadTooLarge",
    "RequestNotLoadedError",
    "RequestTimeout",
    "TooManyRequests",
    "Unauthorized",
    "UnprocessableEntity",
    "UnserializableJsonError",
    "UnsupportedMediaType",
    "UnsupportedReturnValueError",
    "abort",
]


def _phrase(status_code: int) -> str:
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return "Error"


class InvalidStatusError(OrionisError, ValueError):
    """An HTTP status code outside 100-599 was given."""


class HttpException(OrionisError):  # noqa: N818 - Laravel's name, kept on purpose
    """An error answered with an HTTP status code instead of a 500.

    ``detail`` defaults to the status's reason phrase ("Not Found"); ``headers`` are added to
    the error response (``Allow``, ``Retry-After``, ``WWW-Authenticate``...).
    """

    def __init__(
        self,
        status_code: int,
        detail: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if not 100 <= status_code <= 599:
            raise InvalidStatusError(
                f"HTTP status {status_code} is not valid: use a code between 100 and 599 "
                "(for example abort(404) or HttpException(409, 'Already exists'))."
            )
        self.status_code = status_code
        self.detail = _phrase(status_code) if detail is None else detail
        self.headers: dict[str, str] = dict(headers) if headers else {}
        _check_header_values(self.headers)
        super().__init__(self.detail)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, detail={self.detail!r})"


def _check_header_values(headers: Mapping[str, str]) -> None:
    # Refused here, where the application sets them: once the exception handler builds the
    # error response it is too late to answer with anything but the server's own 500.
    for name, value in headers.items():
        if isinstance(value, str) and ("\r" in value or "\n" in value or "\0" in value):
            raise InvalidHeaderError(
                f"Header {name!r} of an HTTP error cannot be sent: its value {value!r} contains "
                "line breaks (CR, LF) or NUL characters. Remove them."
            )


class _FixedStatus(HttpException):
    code: ClassVar[int]

    def __init__(self, detail: str | None = None, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(self.code, detail, headers)


class BadRequest(_FixedStatus):
    """400: the request is malformed (broken JSON, multipart without boundary...)."""

    code = 400


class Unauthorized(_FixedStatus):
    """401: the request needs authentication."""

    code = 401


class Forbidden(_FixedStatus):
    """403: the client is known but not allowed."""

    code = 403


class NotFound(_FixedStatus):
    """404: nothing answers at this path."""

    code = 404


class MethodNotAllowed(_FixedStatus):
    """405: the path exists for other methods; ``allowed`` goes out in the ``Allow`` header."""

    code = 405

    def __init__(
        self,
        allowed: Iterable[str] = (),
        detail: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail, headers)
        self.allowed = tuple(method.upper() for method in allowed)
        if self.allowed:
            self.headers["Allow"] = ", ".join(self.allowed)


class RequestTimeout(_FixedStatus):
    """408: the client took too long to send the request body (``body_read_timeout``)."""

    code = 408


class PayloadTooLarge(_FixedStatus):
    """413: the request body is larger than ``max_body_size``."""

    code = 413


class UnsupportedMediaType(_FixedStatus):
    """415: the body's Content-Type is not one the reader accepts."""

    code = 415


class UnprocessableEntity(_FixedStatus):
    """422: the body is well formed but its content is invalid."""

    code = 422


class TooManyRequests(_FixedStatus):
    """429: rate limited; ``retry_after`` seconds go out in the ``Retry-After`` header."""

    code = 429

    def __init__(
        self,
        detail: str | None = None,
        headers: Mapping[str, str] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(detail, headers)
        if retry_after is not None:
            self.headers["Retry-After"] = str(retry_after)


_BY_STATUS: dict[int, type[_FixedStatus]] = {
    cls.code: cls
    for cls in (
        BadRequest,
        Unauthorized,
        Forbidden,
        NotFound,
        MethodNotAllowed,
        RequestTimeout,
        PayloadTooLarge,
        UnsupportedMediaType,
        UnprocessableEntity,
        TooManyRequests,
    )
}


def abort(
    status: int, detail: str | None = None, headers: Mapping[str, str] | None = None
) -> NoReturn:
    """Stop handling the request and answer with ``status``: ``abort(404)``, ``abort(403, "No")``.

    Raises the matching subclass (``NotFound`` for 404...) so that ``except NotFound`` works,
    or a plain ``HttpException`` for other codes.
    """
    cls = _BY_STATUS.get(status)
    if cls is None:
        raise HttpException(status, detail, headers)
    raise cls(detail=detail, headers=headers)


class RequestNotLoadedError(OrionisError):
    """The sync input methods were used before the request body was parsed."""


class BodyConsumedError(OrionisError):
    """The request body was already streamed and cannot be read again."""


class InvalidCookieError(OrionisError, ValueError):
    """A cookie name or attribute cannot be sent."""


class InvalidEventError(OrionisError, ValueError):
    """A server-sent event field or stream item cannot be sent (line breaks in ``id``...)."""


class InvalidHeaderError(OrionisError, ValueError):
    """A header name or value cannot be sent (line breaks, non-token names)."""


class MissingFileError(OrionisError, FileNotFoundError):
    """A ``FileResponse`` points at a path that is not a readable file."""


class UnserializableJsonError(OrionisError, TypeError):
    """``JsonResponse`` was given a value orjson cannot encode."""


class UnsupportedReturnValueError(OrionisError, TypeError):
    """A handler returned a value that cannot become a response."""
