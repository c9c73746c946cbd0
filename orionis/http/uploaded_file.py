"""A file sent in a multipart form, kept in memory up to 1 MiB and on disk past that."""

from __future__ import annotations

import asyncio
import secrets
import shutil
import unicodedata
from pathlib import Path
from tempfile import SpooledTemporaryFile

from orionis.http.headers import Headers

__all__ = ["UploadedFile", "safe_filename"]

SPOOL_MAX_SIZE = 1024 * 1024
MAX_FILENAME_BYTES = 255
"""The longest name most file systems accept, in UTF-8 bytes."""

# Reserved on Windows (and ':' opens NTFS alternate streams): replaced, not kept.
_RESERVED = str.maketrans(dict.fromkeys('<>:"|?*', "_"))


def safe_filename(name: str, fallback: str = "upload") -> str:
    """``name`` reduced to a file name that is safe to create in a folder.

    Directories (``/`` and ``\\``) are dropped, control and invisible formatting characters
    (NUL, CR/LF, the right-to-left override...) removed, Windows-reserved characters replaced,
    leading dots (hidden files, ``..``) and trailing dots and spaces stripped, and the result
    cut to 255 UTF-8 bytes, extension kept. An empty result gives ``fallback``.
    """
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(
        char for char in base if unicodedata.category(char)[0] not in "CZ" or char == " "
    )
    base = base.translate(_RESERVED).strip(" .")
    return _shortened(base) or fallback


def _shortened(name: str) -> str:
    if len(name.encode("utf-8")) <= MAX_FILENAME_BYTES:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > 16:
        stem, extension = name, ""
    suffix = f".{extension}" if extension else ""
    room = MAX_FILENAME_BYTES - len(suffix.encode("utf-8"))
    # Cut on a character boundary: a half UTF-8 sequence is dropped by errors="ignore".
    return stem.encode("utf-8")[:room].decode("utf-8", errors="ignore") + suffix


class UploadedFile:
    """``file = request.file("avatar")``; ``await file.read()``, ``await file.store(folder)``.

    ``client_filename`` is the name exactly as the client sent it (Laravel's
    ``getClientOriginalName()``: show it, never use it as a path); ``filename`` is that name
    made safe by `safe_filename` (no directories, control characters or leading dots).
    ``content_type`` is the client's declared type, ``size`` the byte count. Disk work runs
    in a thread once the file has rolled over to disk, so large uploads never block the loop.
    """

    __slots__ = ("client_filename", "content_type", "file", "filename", "headers", "size")

    def __init__(self, filename: str, content_type: str, headers: Headers | None = None) -> None:
        self.client_filename = filename
        self.filename = safe_filename(filename)
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

    def hash_name(self) -> str:
        """A random name with the safe name's extension: ``3f9c...e1.png``."""
        extension = Path(self.filename).suffix
        return f"{secrets.token_hex(20)}{extension if extension[1:].isalnum() else ''}"

    async def store(self, directory: str | Path, name: str | None = None) -> Path:
        """Save into ``directory`` under ``name`` made safe, or a random `hash_name` (the
        default: a client's name could replace a file already there); return the path."""
        filename = safe_filename(name) if name is not None else self.hash_name()
        return await self.save(Path(directory) / filename)

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
            f"UploadedFile(client_filename={self.client_filename!r}, "
            f"content_type={self.content_type!r}, "
            f"size={self.size})"
        )
