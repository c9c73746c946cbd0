"""Form bodies: ``application/x-www-form-urlencoded`` and ``multipart/form-data``."""

from __future__ import annotations

from collections.abc import AsyncIterable, Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, MultipartState, parse_options_header

from orionis.http.body import BodyLimits
from orionis.http.exceptions import BadRequest, PayloadTooLarge
from orionis.http.headers import Headers
from orionis.http.multi_dict import MultiDict
from orionis.http.uploaded_file import UploadedFile

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

__all__ = ["MAX_PART_HEADER_SIZE", "FormData", "parse_multipart", "parse_urlencoded"]

_DEFAULTS = BodyLimits()

MAX_PART_HEADER_SIZE = 16 * 1024
"""Bytes of one part's headers; browsers send well under 1 KiB (name, filename, type)."""

# RFC 2046 section 5.1.1: 1 to 70 of these characters, the last one not a space.
_BOUNDARY_CHARS = frozenset(
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? "
)


class FormData(MultiDict[str | UploadedFile]):
    """Parsed form fields (``str``) and files (``UploadedFile``), keys may repeat."""

    __slots__ = ()

    def files(self) -> MultiDict[UploadedFile]:
        """Only the uploaded files."""
        return MultiDict((k, v) for k, v in self.multi_items() if isinstance(v, UploadedFile))

    def fields(self) -> MultiDict[str]:
        """Only the text fields."""
        return MultiDict((k, v) for k, v in self.multi_items() if isinstance(v, str))

    async def close(self) -> None:
        """Release every uploaded file's memory or temporary file."""
        for _, value in self.multi_items():
            if isinstance(value, UploadedFile):
                await value.close()


def _too_large(what: str, limit: int, setting: str) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"Form body has {what} (the limit is {limit}). Send less, or raise {setting} in "
        "config/http.py."
    )


def _malformed(reason: str) -> BadRequest:
    return BadRequest(f"Malformed multipart body: {reason}.")


def parse_urlencoded(body: bytes, limits: BodyLimits = _DEFAULTS) -> FormData:
    """Parse ``a=1&b=2``; more than ``max_form_pairs`` pairs raise 413, broken pairs or
    invalid UTF-8 raise ``BadRequest``."""
    if not body:
        return FormData()
    # Counted before parsing: refusing costs one pass over the bytes, not building every pair.
    if body.count(b"&") >= limits.max_form_pairs:
        raise _too_large(
            f"more than {limits.max_form_pairs} fields", limits.max_form_pairs, "max_form_pairs"
        )
    try:
        pairs = parse_qsl(
            body.decode("latin-1"),
            keep_blank_values=True,
            strict_parsing=True,
            encoding="utf-8",
            errors="strict",
        )
    except (ValueError, UnicodeDecodeError) as error:
        raise BadRequest(f"Malformed form body: {error}.") from error
    return FormData(pairs)


async def parse_multipart(
    content_type: str, chunks: AsyncIterable[bytes], limits: BodyLimits = _DEFAULTS
) -> FormData:
    """Parse a multipart body as it arrives; files spool to disk past 1 MiB.

    ``content_type`` is the full header (it carries the boundary). A missing or invalid
    boundary, a broken part or a body cut before the closing boundary raise ``BadRequest``;
    more parts, files or field bytes than ``limits`` allow raise ``PayloadTooLarge`` as soon
    as the part that passes the limit arrives.
    """
    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        raise BadRequest(
            "Malformed multipart body: the Content-Type header has no boundary. "
            "Send 'multipart/form-data; boundary=...' (HTTP clients add it for you)."
        )
    if len(boundary) > 70 or boundary.endswith(b" ") or not _BOUNDARY_CHARS.issuperset(boundary):
        raise _malformed(
            "the boundary must be 1 to 70 letters, digits or '()+_,-./:=? characters (RFC 2046)"
        )
    reader = _MultipartReader(limits)
    try:
        await reader.feed(boundary, chunks)
    except BaseException:
        await reader.close()
        raise
    return reader.form()


class _Part:
    __slots__ = ("data", "file", "header_size", "headers", "name")

    def __init__(self) -> None:
        self.headers: list[tuple[str, str]] = []
        self.header_size = 0
        self.name = ""
        self.file: UploadedFile | None = None
        self.data = bytearray()


class _MultipartReader:
    """Turns the parser's sync callbacks into events applied between chunks (files are async).

    Every limit is checked as the bytes that pass it are applied, so a field never grows past
    ``max_form_field_size`` and the part past ``max_form_parts`` is refused before it is read.
    """

    def __init__(self, limits: BodyLimits) -> None:
        self._limits = limits
        self._events: list[tuple[str, bytes]] = []
        self._items: list[tuple[str, str | UploadedFile]] = []
        self._part = _Part()
        self._field = bytearray()
        self._value = bytearray()
        self._parts = 0
        self._files = 0

    def form(self) -> FormData:
        return FormData(self._items)

    async def close(self) -> None:
        """Release every file written so far, the unfinished part's too."""
        await self.form().close()
        if self._part.file is not None and all(v is not self._part.file for _, v in self._items):
            await self._part.file.close()

    async def feed(self, boundary: bytes, chunks: AsyncIterable[bytes]) -> None:
        try:
            parser = MultipartParser(boundary, self._callbacks())
        except FormParserError as error:
            raise _malformed(str(error)) from error
        async for chunk in chunks:
            try:
                parser.write(chunk)
            except FormParserError as error:
                raise _malformed(str(error)) from error
            await self._apply_events()
        if parser.state != MultipartState.END:
            raise _malformed("it ended before the closing boundary")

    def _callbacks(self) -> MultipartCallbacks:
        events = self._events

        def data(kind: str) -> Callable[[bytes, int, int], None]:
            return lambda buffer, start, end: events.append((kind, buffer[start:end]))

        def mark(kind: str) -> Callable[[], None]:
            return lambda: events.append((kind, b""))

        return {
            "on_part_begin": mark("begin"),
            "on_header_field": data("field"),
            "on_header_value": data("value"),
            "on_header_end": mark("header_end"),
            "on_headers_finished": mark("headers_done"),
            "on_part_data": data("data"),
            "on_part_end": mark("end"),
        }

    async def _apply_events(self) -> None:
        events = self._events.copy()
        self._events.clear()
        for kind, payload in events:
            await self._apply(kind, payload)

    async def _apply(self, kind: str, payload: bytes) -> None:
        if kind == "data":
            await self._data(payload)
        elif kind == "field" or kind == "value":
            self._header_bytes(kind, payload)
        elif kind == "header_end":
            if b"\0" in self._value:  # the parser stops at CR LF, but lets NUL through
                raise _malformed("a part header contains a NUL character")
            name = bytes(self._field).decode("latin-1").lower()
            self._part.headers.append((name, bytes(self._value).decode("latin-1")))
            self._field, self._value = bytearray(), bytearray()
        elif kind == "begin":
            self._begin()
        elif kind == "headers_done":
            self._start_part()
        else:
            await self._end_part()

    async def _data(self, payload: bytes) -> None:
        part = self._part
        if part.file is not None:
            await part.file.write(payload)
            return
        limit = self._limits.max_form_field_size
        if len(part.data) + len(payload) > limit:
            raise _too_large(
                f"a field ({part.name!r}) larger than {limit} bytes", limit, "max_form_field_size"
            )
        part.data += payload

    def _header_bytes(self, kind: str, payload: bytes) -> None:
        part = self._part
        part.header_size += len(payload)
        if part.header_size > MAX_PART_HEADER_SIZE:
            raise _malformed(f"a part's headers are larger than {MAX_PART_HEADER_SIZE} bytes")
        if kind == "field":
            self._field += payload
        else:
            self._value += payload

    def _begin(self) -> None:
        self._parts += 1
        limit = self._limits.max_form_parts
        if self._parts > limit:
            raise _too_large(f"more than {limit} parts", limit, "max_form_parts")
        self._part = _Part()

    def _start_part(self) -> None:
        part = self._part
        headers = Headers(part.headers)
        dispositions = headers.get_all("content-disposition")
        if len(dispositions) != 1:
            raise _malformed(
                "a part has no Content-Disposition header"
                if not dispositions
                else "a part has more than one Content-Disposition header"
            )
        kind, options = parse_options_header(dispositions[0])
        if kind != b"form-data":
            raise _malformed("a part's Content-Disposition is not form-data")
        for value in options.values():
            if value.startswith(b'"'):  # an unclosed quote: a header cut by CR LF, or forged
                raise _malformed("a part's Content-Disposition has an unclosed quote")
        if not options.get(b"name"):
            raise _malformed("a part's Content-Disposition has no name")
        part.name = _checked_name(options[b"name"])
        content_type = headers.get("content-type", "")
        if content_type.lower().startswith("multipart/"):
            # RFC 7578 section 4.3: nested multipart/mixed is not used by form-data senders.
            raise _malformed(f"part {part.name!r} is itself multipart")
        if b"filename" in options:
            self._files += 1
            limit = self._limits.max_form_files
            if self._files > limit:
                raise _too_large(f"more than {limit} files", limit, "max_form_files")
            part.file = UploadedFile(
                _text(options[b"filename"]), content_type or "application/octet-stream", headers
            )

    async def _end_part(self) -> None:
        part = self._part
        if part.file is not None:
            await part.file.seek(0)
            self._items.append((part.name, part.file))
            return
        try:
            self._items.append((part.name, part.data.decode("utf-8")))
        except UnicodeDecodeError as error:
            raise _malformed(f"field {part.name!r} is not valid UTF-8") from error


def _checked_name(raw: bytes) -> str:
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _malformed("a part's name is not valid UTF-8") from error
    if not name.isprintable():
        raise _malformed(f"part name {name!r} contains control characters")
    return name


def _text(raw: bytes) -> str:
    # parse_options_header round-trips through latin-1; browsers send UTF-8 names.
    return raw.decode("utf-8", errors="replace")
