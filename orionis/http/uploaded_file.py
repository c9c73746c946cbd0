"""A file sent in a multipart form, kept in memory up to 1 MiB and on disk past that."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from tempfile import SpooledTemporaryFile

from orionis.http.headers import Headers

__all__ = ["UploadedFile"]

SPOOL_MAX_SIZE = 1024 * 1024


class UploadedFile:
    """``file = request.file("avatar")``; ``await file.read()``, ``await file.save(path)``.

    ``filename`` is the name the client sent (never trust it as a path), ``content_type``
    its declared type, ``size`` the byte count. Disk work runs in a thread once the file
    has rolled over to disk, so large uploads never block the event loop.
    """

    __slots__ = ("content_type", "file", "filename", "headers", "size")

    def __init__(self, filename: str, content_type: str, headers: Headers | None = None) -> None:
        self.filename = filename
        self.content_type = content_type
        self.headers = headers if headers is not None else Headers()
        self.size = 0
        # Outlives this call: closed by close() or FormData.close().
        self.file: SpooledTemporaryFile[bytes] = SpooledTemporaryFile(  # noqa: SIM115
            max_size=SPOOL_MAX_SIZE
        )

    @property
    def in_memory(self) -> bool:
        """True while the content is small enough to stay in memory."""
        return self.size <= SPOOL_MAX_SIZE

    async def write(self, data: bytes) -> None:
        """Append ``data`` (used while the form is parsed)."""
        if self.size + len(data) > SPOOL_MAX_SIZE:
            await asyncio.to_thread(self.file.write, data)
        else:
            self.file.write(data)
        self.size += len(data)

    async def read(self, size: int = -1) -> bytes:
        """Read ``size`` bytes (all by default) from the current position."""
        if self.in_memory:
            return self.file.read(size)
        return await asyncio.to_thread(self.file.read, size)

    async def seek(self, offset: int) -> None:
        """Move the read position (``await file.seek(0)`` to read again)."""
        if self.in_memory:
            self.file.seek(offset)
        else:
            await asyncio.to_thread(self.file.seek, offset)

    async def save(self, path: str | Path) -> Path:
        """Copy the whole content to ``path`` (parents must exist) and return it as a Path."""
        target = Path(path)
        await asyncio.to_thread(self._copy_to, target)
        return target

    def _copy_to(self, target: Path) -> None:
        position = self.file.tell()
        self.file.seek(0)
        try:
            with target.open("wb") as out:
                shutil.copyfileobj(self.file, out)
        finally:
            self.file.seek(position)

    async def close(self) -> None:
        """Release the memory or the temporary file."""
        if self.in_memory:
            self.file.close()
        else:
            await asyncio.to_thread(self.file.close)

    def __repr__(self) -> str:
        return (
            f"UploadedFile(filename={self.filename!r}, content_type={self.content_type!r}, "
            f"size={self.size})"
        )
