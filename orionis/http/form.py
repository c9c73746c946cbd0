"""Form bodies: ``application/x-www-form-urlencoded`` and ``multipart/form-data``."""

from __future__ import annotations

from collections.abc import AsyncIterable, Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, MultipartState, parse_options_header

from orionis.http.exceptions import BadRequest
from orionis.http.headers import Headers
from orionis.http.multi_dict import MultiDict
from orionis.http.uploaded_file import UploadedFile

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

__all__ = ["FormData", "parse_multipart", "parse_urlencoded"]

MAX_PARTS = 1000


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


def parse_urlencoded(body: bytes) -> FormData:
    """Parse ``a=1&b=2``; broken pairs or invalid UTF-8 raise ``BadRequest``."""
    if not body:
        return FormData()
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


async def parse_multipart(content_type: str, chunks: AsyncIterable[bytes]) -> FormData:
    """Parse a multipart body as it arrives; files spool to disk past 1 MiB.

    ``content_type`` is the full header (it carries the boundary). A missing boundary, a
    broken part or a body cut before the closing boundary raise ``BadRequest``.
    """
    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        raise BadRequest(
            "Malformed multipart body: the Content-Type header has no boundary. "
            "Send 'multipart/form-data; boundary=...' (HTTP clients add it for you)."
        )
    reader = _MultipartReader()
    try:
        await reader.feed(boundary, chunks)
    except BaseException:
        await reader.close()
        raise
    return reader.form()


class _Part:
    __slots__ = ("data", "file", "headers", "name")

    def __init__(self) -> None:
        self.headers: list[tuple[str, str]] = []
        self.name = ""
        self.file: UploadedFile | None = None
        self.data = bytearray()


class _MultipartReader:
    """Turns the parser's sync callbacks into events applied between chunks (files are async)."""

    def __init__(self) -> None:
        self._events: list[tuple[str, bytes]] = []
        self._items: list[tuple[str, str | UploadedFile]] = []
        self._part = _Part()
        self._field = bytearray()
        self._value = bytearray()
        self._parts = 0

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
            raise BadRequest(f"Malformed multipart body: {error}.") from error
        async for chunk in chunks:
            try:
                parser.write(chunk)
            except FormParserError as error:
                raise BadRequest(f"Malformed multipart body: {error}.") from error
            await self._apply_events()
        if parser.state != MultipartState.END:
            raise BadRequest("Malformed multipart body: it ended before the closing boundary.")

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
            if self._part.file is not None:
                await self._part.file.write(payload)
            else:
                self._part.data += payload
        elif kind == "field":
            self._field += payload
        elif kind == "value":
            self._value += payload
        elif kind == "header_end":
            name = bytes(self._field).decode("latin-1").lower()
            self._part.headers.append((name, bytes(self._value).decode("latin-1")))
            self._field, self._value = bytearray(), bytearray()
        elif kind == "begin":
            self._begin()
        elif kind == "headers_done":
            self._start_part()
        else:
            await self._end_part()

    def _begin(self) -> None:
        self._parts += 1
        if self._parts > MAX_PARTS:
            raise BadRequest(f"Malformed multipart body: more than {MAX_PARTS} parts.")
        self._part = _Part()

    def _start_part(self) -> None:
        part = self._part
        headers = Headers(part.headers)
        disposition = headers.get("content-disposition")
        if disposition is None:
            raise BadRequest("Malformed multipart body: a part has no Content-Disposition header.")
        _, options = parse_options_header(disposition)
        if b"name" not in options:
            raise BadRequest("Malformed multipart body: a part's Content-Disposition has no name.")
        part.name = _text(options[b"name"])
        if b"filename" in options:
            content_type = headers.get("content-type", "application/octet-stream")
            part.file = UploadedFile(_text(options[b"filename"]), content_type, headers)

    async def _end_part(self) -> None:
        part = self._part
        if part.file is not None:
            await part.file.seek(0)
            self._items.append((part.name, part.file))
            return
        try:
            self._items.append((part.name, part.data.decode("utf-8")))
        except UnicodeDecodeError as error:
            raise BadRequest(
                f"Malformed multipart body: field {part.name!r} is not valid UTF-8."
            ) from error


def _text(raw: bytes) -> str:
    # parse_options_header round-trips through latin-1; browsers send UTF-8 names.
    return raw.decode("utf-8", errors="replace")
