"""A file sent from disk, with validators, conditional GET and single byte ranges.

``FileResponse.from_folder(folder, name)`` is the way to send a file named by the client: it
answers 404 for any name that would leave the folder (``..``, absolute paths, symbolic links
leading out), reach a dotfile or carry a NUL or backslash, with the same rules as the public
files ``reactor serve`` sends (`find_in_folder`).
"""

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

from orionis.http.exceptions import MissingFileError, NotFound
from orionis.http.headers import Headers
from orionis.http.request import Request
from orionis.http.response import Response, bodiless, content_type_header, header_list

__all__ = [
    "UNSATISFIABLE",
    "FileResponse",
    "content_disposition",
    "find_in_folder",
    "parse_range",
]


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

    As RFC 9110 allows, anything but one well-formed byte range is ignored (the whole file is
    a valid answer): several ranges, other units, ``b < a``, signs or non-ASCII digits. A
    range starting at or past ``size``, or the empty suffix ``bytes=-0``, returns
    ``UNSATISFIABLE``; an end past the file is cut to its last byte.
    """
    unit, equals, spec = header.partition("=")
    if not equals or unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    if not first:
        length = _position(last)
        if length is None:
            return None
        return (max(size - length, 0), size - 1) if length and size else UNSATISFIABLE
    start = _position(first)
    end = _position(last) if last else size - 1
    if start is None or end is None or (last and end < start):
        return None
    return (start, min(end, size - 1)) if start < size else UNSATISFIABLE


# More digits than this is past the end of any file. Checked before int(): a header of
# thousands of digits would cost time, and past 4300 digits int() raises instead.
_MAX_DIGITS = 18
_BEYOND = 10**_MAX_DIGITS


def _position(text: str) -> int | None:
    # isdigit() alone accepts "²" and other Unicode digits that int() refuses or reads.
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text) if len(text) <= _MAX_DIGITS else _BEYOND


def find_in_folder(root: str, name: str) -> str | None:
    """The real path of the regular file ``name`` names inside the folder ``root``, or None.

    ``root`` is the folder's real path (``os.path.realpath``); ``name`` is a relative path
    with ``/`` separators, as decoded from a URL. None when ``name`` is absolute, has an empty,
    ``.``, ``..`` or dotfile segment, a backslash or a NUL; when the file, symbolic links
    resolved, lies outside ``root`` or inside a dot folder of it; or is not a regular file.
    """
    parts = name.split("/")
    if not all(map(_plain_segment, parts)):
        return None
    prefix = root.rstrip(os.sep) + os.sep
    try:
        real = os.path.realpath(os.path.join(prefix, *parts))
        # A symbolic link may lead outside the folder or to a dotfile: judge where it leads.
        if not real.startswith(prefix) or not os.path.isfile(real):
            return None
    except (OSError, ValueError):  # names too long for the file system, and the like
        return None
    if any(part.startswith(".") for part in real[len(prefix) :].split(os.sep)):
        return None
    return real


def _plain_segment(part: str) -> bool:
    """False for empty, dot (``.``, ``..``, ``.env``) and separator-smuggling segments."""
    return bool(part) and part[0] != "." and "\\" not in part and "\x00" not in part


def _repeated(headers: Headers, name: str) -> bool:
    return len(headers.get_all(name)) > 1


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

    @classmethod
    def from_folder(
        cls,
        folder: str | os.PathLike[str],
        name: str,
        filename: str | None = None,
        media_type: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> FileResponse:
        """The file ``name`` (a relative path, usually from the client) inside ``folder``.

        ``FileResponse.from_folder("storage/app/reports", name, filename=name)`` raises
        `NotFound` (404) when ``name`` is not a regular file of the folder: ``..``, absolute
        paths, backslashes, NUL, dotfiles and symbolic links that lead out are all refused.
        """
        path = find_in_folder(os.path.realpath(folder), name)
        if path is None:
            raise NotFound()
        try:
            return cls(path, filename, media_type, headers)
        except MissingFileError:  # removed since it was found
            raise NotFound() from None

    def prepare(self, request: Request) -> Response:
        """Apply conditional GET (304), Range (206/416) and HEAD (headers only)."""
        return self.prepare_for(request.method, request.headers)

    def prepare_for(self, method: str, headers: Headers) -> Response:
        """`prepare` from a request's method and headers alone (for senders without a
        `Request`, like the public files of ``reactor serve``)."""
        if method not in ("GET", "HEAD"):
            return self
        response = self._negotiate(headers)
        if method == "HEAD":
            return bodiless(response.status_code, response.raw_headers)
        return response

    def _negotiate(self, headers: Headers) -> Response:
        if self._not_modified(headers):
            kept = [pair for pair in self.raw_headers if pair[0] not in _NOT_FOR_304]
            return bodiless(304, kept)
        header = headers.get("range")
        # Repeated Range fields are not one valid range: ignored, like a malformed one.
        if header is None or not self._if_range_holds(headers) or _repeated(headers, "range"):
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

    def _not_modified(self, headers: Headers) -> bool:
        if_none_match = headers.get("if-none-match")
        if if_none_match is not None:
            tags = _etags(if_none_match)
            return "*" in tags or self.etag in tags
        if_modified_since = headers.get("if-modified-since")
        if if_modified_since is None:
            return False
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError):
            return False
        return int(self.mtime) <= since

    def _if_range_holds(self, headers: Headers) -> bool:
        # A weak tag never matches: our ETag is strong, so plain equality is RFC 9110's test.
        if_range = headers.get("if-range")
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
