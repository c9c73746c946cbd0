"""A file sent from disk, with validators, conditional GET and single byte ranges."""

from __future__ import annotations

import asyncio
import mimetypes
import os
import stat
import unicodedata
from collections.abc import AsyncGenerator, Mapping
from email.utils import formatdate, parsedate_to_datetime
from enum import Enum
from typing import ClassVar, Final, Literal
from urllib.parse import quote

from orionis.http.exceptions import MissingFileError
from orionis.http.request import Request
from orionis.http.response import Response, bodiless, content_type_header, header_list

__all__ = ["UNSATISFIABLE", "FileResponse", "content_disposition", "parse_range"]


class _Unsatisfiable(Enum):
    RANGE = "unsatisfiable"


UNSATISFIABLE: Final = _Unsatisfiable.RANGE
"""What ``parse_range`` returns for a range that starts past the end of the file."""

_NOT_FOR_304 = frozenset({"content-length", "content-type", "content-disposition"})


def content_disposition(filename: str) -> str:
    """``attachment; filename="..."`` with an RFC 5987 ``filename*`` for non-ASCII names."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = ascii_name.replace("\\", "\\\\").replace('"', '\\"') or "download"
    if ascii_name == filename:
        return f'attachment; filename="{fallback}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def parse_range(header: str, size: int) -> tuple[int, int] | Literal[_Unsatisfiable.RANGE] | None:
    """``bytes=a-b`` -> ``(start, end)`` inclusive; None to ignore it and send the whole file.

    Multiple ranges and malformed headers are ignored (the whole file is a valid answer);
    a range starting at or past ``size`` returns ``UNSATISFIABLE``.
    """
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash or not (first + last).isdigit():
        return None
    if not first:
        length = int(last)
        return (max(size - length, 0), size - 1) if length and size else UNSATISFIABLE
    start = int(first)
    end = int(last) if last else size - 1
    if end < start:
        return None if last else UNSATISFIABLE
    return (start, min(end, size - 1)) if start < size else UNSATISFIABLE


def _etags(header: str) -> list[str]:
    return [tag.strip().removeprefix("W/") for tag in header.split(",")]


class FileResponse(Response):
    """``FileResponse("storage/app/report.pdf", filename="Report.pdf")``.

    ``filename`` makes it a download (Content-Disposition: attachment); the media type is
    guessed from the name when not given. ETag and Last-Modified come from the file's size
    and modification time; ``prepare(request)`` answers conditional GETs with 304 and a
    single ``Range`` with 206 (416 when it starts past the end).
    """

    __slots__ = ("etag", "last_modified", "mtime", "path", "range", "size")

    streamed = True
    chunk_size: ClassVar[int] = 64 * 1024

    def __init__(
        self,
        path: str | os.PathLike[str],
        filename: str | None = None,
        media_type: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.path = os.path.abspath(path)
        info = self._stat(self.path)
        self.size = info.st_size
        self.mtime = info.st_mtime
        self.etag = f'"{info.st_mtime_ns:x}-{info.st_size:x}"'
        self.last_modified = formatdate(info.st_mtime, usegmt=True)
        self.range: tuple[int, int] | None = None
        if media_type is None:
            guessed = mimetypes.guess_type(filename or self.path)[0]
            media_type = guessed or "application/octet-stream"
        raw = header_list(headers, content_type_header(media_type))
        raw += [
            ("content-length", str(self.size)),
            ("last-modified", self.last_modified),
            ("etag", self.etag),
            ("accept-ranges", "bytes"),
        ]
        if filename:
            raw.append(("content-disposition", content_disposition(filename)))
        self.status_code = 200
        self.body = b""
        self.raw_headers = raw
        self._headers = None

    @staticmethod
    def _stat(path: str) -> os.stat_result:
        try:
            info = os.stat(path)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            raise MissingFileError(
                f"FileResponse cannot send {path!r}: it is not an existing regular file. "
                "Check the path (relative paths start at the working directory)."
            )
        return info

    def prepare(self, request: Request) -> Response:
        """Apply conditional GET (304), Range (206/416) and HEAD (headers only)."""
        if request.method not in ("GET", "HEAD"):
            return self
        response = self._negotiate(request)
        if request.method == "HEAD":
            return bodiless(response.status_code, response.raw_headers)
        return response

    def _negotiate(self, request: Request) -> Response:
        if self._not_modified(request):
            kept = [pair for pair in self.raw_headers if pair[0] not in _NOT_FOR_304]
            return bodiless(304, kept)
        header = request.headers.get("range")
        if header is None or not self._if_range_holds(request):
            return self
        span = parse_range(header, self.size)
        if span is UNSATISFIABLE:
            return Response(b"", 416, {"content-range": f"bytes */{self.size}"})
        if span is not None:
            start, end = span
            self.status_code = 206
            self.range = (start, end + 1)
            self.headers["content-length"] = str(end + 1 - start)
            self.headers["content-range"] = f"bytes {start}-{end}/{self.size}"
        return self

    def _not_modified(self, request: Request) -> bool:
        if_none_match = request.headers.get("if-none-match")
        if if_none_match is not None:
            tags = _etags(if_none_match)
            return "*" in tags or self.etag in tags
        if_modified_since = request.headers.get("if-modified-since")
        if if_modified_since is None:
            return False
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError):
            return False
        return int(self.mtime) <= since

    def _if_range_holds(self, request: Request) -> bool:
        if_range = request.headers.get("if-range")
        return if_range is None or if_range in (self.etag, self.last_modified)

    async def iter_chunks(self) -> AsyncGenerator[bytes, None]:
        """The file (or the prepared range) in ``chunk_size`` pieces, read in a thread."""
        start, end = self.range or (0, self.size)
        handle = await asyncio.to_thread(open, self.path, "rb")
        try:
            await asyncio.to_thread(handle.seek, start)
            remaining = end - start
            while remaining > 0:
                chunk = await asyncio.to_thread(handle.read, min(self.chunk_size, remaining))
                if not chunk:
                    return
                remaining -= len(chunk)
                yield chunk
        finally:
            handle.close()
