"""What ``Request`` does with its body: read it whole or streamed, decode JSON and forms.

The body is read only when something asks (``await request.json()``, the kernel's
``await request.load()``), at most once, and never beyond ``max_body_size``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, Final

from orionis.http.body import (
    BodyLimits,
    BodySource,
    check_declared_length,
    decode_json,
    limited,
    read_all,
)
from orionis.http.exceptions import BodyConsumedError, RequestNotLoadedError, UnsupportedMediaType
from orionis.http.form import FormData, parse_multipart, parse_urlencoded
from orionis.http.input import merge_input
from orionis.http.multi_dict import MultiDict, QueryParams
from orionis.http.uploaded_file import UploadedFile

__all__ = ["UNSET", "RequestBodyMixin"]

UNSET: Any = object()
"""The value of ``Request._json`` before the body was decoded as JSON."""

_NONE, _JSON, _URLENCODED, _MULTIPART = 0, 1, 2, 3
_FORM_TYPES: Final = {
    "application/x-www-form-urlencoded": _URLENCODED,
    "multipart/form-data": _MULTIPART,
}


class RequestBodyMixin:
    """``await request.body()``, ``stream()``, ``json()``, ``form()`` and ``load()``, plus the
    hooks the sync input family reads the parsed body through."""

    # The body's state lives here; Request's constructor sets every slot.
    __slots__ = ("_body", "_consumed", "_form", "_json", "_limits", "_loaded", "_merged")
    _body: bytes | None
    _consumed: bool
    _form: FormData | None
    _json: Any
    # What the adapter passed, stored as is (no work per request): a byte count or, from a
    # server, the worker's shared BodyLimits. `body_limits` turns a byte count into limits.
    _limits: BodyLimits | int
    _loaded: bool
    _merged: dict[str, Any] | None

    if TYPE_CHECKING:
        method: str
        path: str
        _receive: BodySource

        @property
        def content_type(self) -> str | None: ...
        @property
        def content_length(self) -> int | None: ...
        @property
        def query(self) -> QueryParams: ...
        def _header(self, name: str) -> str | None: ...

    def _kind(self) -> int:
        content_type = self.content_type
        if not content_type:
            return _NONE
        if content_type == "application/json" or content_type.endswith("+json"):
            return _JSON
        return _FORM_TYPES.get(content_type, _NONE)

    @property
    def body_limits(self) -> BodyLimits:
        """The limits this request's body is read and parsed within (``config/http.py``)."""
        limits = self._limits
        if isinstance(limits, int):
            limits = self._limits = BodyLimits(max_body_size=limits)
        return limits

    @body_limits.setter
    def body_limits(self, limits: BodyLimits) -> None:
        # Set by the kernel for a route with its own max_body_size, before the body is read.
        self._limits = limits

    @property
    def max_body_size(self) -> int:
        """The largest body accepted, in bytes; a larger one raises 413 when read."""
        return self.body_limits.max_body_size

    def _body_chunks(self) -> tuple[AsyncIterator[bytes], int | None]:
        # The server's chunks, once, and the declared length: one over the limit is refused
        # before a byte is read, so the server never sends `100 Continue` for it; a body that
        # ends short of it is refused once read (see body.cut_short).
        if self._consumed:
            raise BodyConsumedError(
                f"The body of {self.method} {self.path} was already streamed and cannot be "
                "read again. Read it once with `await request.body()` (cached), or parse it "
                "with `await request.load()` before streaming it."
            )
        self._consumed = True
        declared = self.content_length
        check_declared_length(declared, self.body_limits.max_body_size)
        return self._receive(), declared

    async def body(self) -> bytes:
        """The whole body (read once, then cached); over ``max_body_size`` raises 413, slower
        than ``body_read_timeout`` raises 408."""
        if self._body is None:
            chunks, declared = self._body_chunks()
            self._body = await read_all(chunks, self.body_limits, declared)
        return self._body

    async def stream(self) -> AsyncIterator[bytes]:
        """The body chunk by chunk, without buffering it (the cached body if already read)."""
        if self._body is not None:
            if self._body:
                yield self._body
            return
        chunks, declared = self._body_chunks()
        async for chunk in limited(chunks, self.body_limits, declared):
            yield chunk

    async def json(self) -> Any:
        """The decoded JSON body; wrong Content-Type raises 415, empty or broken raises 400."""
        if self._json is UNSET:
            if self._kind() != _JSON:
                raise self._unsupported("application/json (or a +json type)")
            self._json = decode_json(await self.body())
            self._loaded = True
        return self._json

    async def form(self) -> FormData:
        """Fields and files of a urlencoded or multipart body; other types raise 415."""
        if self._form is None:
            kind = self._kind()
            if kind == _URLENCODED:
                self._form = parse_urlencoded(await self.body(), self.body_limits)
            elif kind == _MULTIPART:
                content_type = self._header("content-type") or ""
                self._form = await parse_multipart(content_type, self.stream(), self.body_limits)
            else:
                raise self._unsupported("application/x-www-form-urlencoded or multipart/form-data")
            self._loaded = True
        return self._form

    async def load(self) -> None:
        """Parse a JSON, urlencoded or multipart body so the sync input methods can read it.

        Idempotent; other content types (or none) are left unread.
        """
        if self._loaded:
            return
        kind = self._kind()
        if kind == _JSON:
            body = await self.body()
            if body.strip():
                self._json = decode_json(body)
        elif kind != _NONE:
            await self.form()
        self._loaded = True

    def _unsupported(self, expected: str) -> UnsupportedMediaType:
        return UnsupportedMediaType(
            f"Unsupported Content-Type {self.content_type or '(none)'!r} for "
            f"{self.method} {self.path}: expected {expected}."
        )

    # -- input (see InteractsWithInput) ------------------------------------------------------

    def _ensure_loaded(self) -> None:
        if not self._loaded and self._kind() != _NONE:
            raise RequestNotLoadedError(
                f"The {self.content_type} body of {self.method} {self.path} is not loaded, so "
                "input(), all(), only(), has() and files cannot see it. Call "
                "`await request.load()` first (the HTTP kernel does this before middleware)."
            )

    def _input_data(self) -> dict[str, Any]:
        merged = self._merged
        if merged is None:
            self._ensure_loaded()
            json = None if self._json is UNSET else self._json
            merged = self._merged = merge_input(self.query, self._form, json)
        return merged

    def _uploaded_files(self) -> MultiDict[UploadedFile]:
        self._ensure_loaded()
        return self._form.files() if self._form is not None else MultiDict()
