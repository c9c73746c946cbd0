"""UploadedFile: reading, seeking, saving and closing."""

from __future__ import annotations

from pathlib import Path

from orionis.http.headers import Headers
from orionis.http.uploaded_file import UploadedFile


async def upload(content: bytes) -> UploadedFile:
    file = UploadedFile("a.txt", "text/plain", Headers({"Content-Type": "text/plain"}))
    await file.write(content[:3])
    await file.write(content[3:])
    await file.seek(0)
    return file


async def test_read_seek_and_size() -> None:
    file = await upload(b"hello world")
    assert file.size == 11
    assert await file.read(5) == b"hello"
    assert await file.read() == b" world"
    await file.seek(6)
    assert await file.read() == b"world"
    assert file.headers["content-type"] == "text/plain"
    assert repr(file) == "UploadedFile(client_filename='a.txt', content_type='text/plain', size=11)"


async def test_save_copies_everything_and_keeps_the_read_position(tmp_path: Path) -> None:
    file = await upload(b"hello world")
    await file.read(2)
    saved = await file.save(str(tmp_path / "out.txt"))
    assert saved == tmp_path / "out.txt"
    assert saved.read_bytes() == b"hello world"
    assert await file.read() == b"llo world"


async def test_close_releases_the_file() -> None:
    file = await upload(b"x")
    await file.close()
    assert file.file.closed
