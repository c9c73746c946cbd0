"""The ``file`` driver: one JSON file per session in ``storage/framework/sessions``.

Each write takes an exclusive ``flock`` on the session's file, reads it, merges the request's
changes and rewrites it in place, so concurrent requests (threads, workers) lose no key.
File work runs in a thread: the event loop never waits on the disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from orionis.session.handler import ServerSessionHandler

__all__ = ["FileSessionHandler"]


class FileSessionHandler(ServerSessionHandler):
    """Sessions as files named by their id; a file's mtime is its last use."""

    def __init__(self, directory: Path, lifetime: int) -> None:
        super().__init__(lifetime)
        self.directory = directory

    def _path(self, session_id: str) -> Path:
        return self.directory / session_id

    async def read(self, session_id: str) -> dict[str, Any] | None:
        return await asyncio.to_thread(self._read, self._path(session_id))

    async def write(
        self,
        session_id: str,
        changed: Mapping[str, Any],
        removed: Iterable[str],
        *,
        replace: bool,
    ) -> None:
        payload = dict(changed)
        await asyncio.to_thread(self._write, self._path(session_id), payload, set(removed), replace)

    async def touch(self, session_id: str) -> None:
        await asyncio.to_thread(_utime, self._path(session_id))

    async def destroy(self, session_id: str) -> None:
        await asyncio.to_thread(self._path(session_id).unlink, True)

    async def gc(self) -> None:
        await asyncio.to_thread(self._gc)

    def _alive(self, path: Path) -> bool:
        try:
            return path.stat().st_mtime + self.lifetime >= time.time()
        except FileNotFoundError:
            return False

    def _read(self, path: Path) -> dict[str, Any] | None:
        if not self._alive(path):
            return None
        try:
            with path.open("rb") as file:
                fcntl.flock(file, fcntl.LOCK_SH)
                return _decode(file.read())
        except FileNotFoundError:
            return None

    def _write(self, path: Path, changed: dict[str, Any], removed: set[str], replace: bool) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        with os.fdopen(descriptor, "r+b") as file:
            fcntl.flock(file, fcntl.LOCK_EX)
            alive = not replace and self._alive(path)
            current = (_decode(file.read()) or {}) if alive else {}
            current.update(changed)
            for key in removed:
                current.pop(key, None)
            file.seek(0)
            file.truncate()
            file.write(orjson.dumps(current))
            file.flush()

    def _gc(self) -> None:
        if not self.directory.is_dir():
            return
        for path in self.directory.iterdir():
            if path.is_file() and not path.name.startswith(".") and not self._alive(path):
                path.unlink(missing_ok=True)


def _decode(raw: bytes) -> dict[str, Any] | None:
    if not raw:
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


def _utime(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.utime(path)
