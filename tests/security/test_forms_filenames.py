"""Upload filenames: ``UploadedFile.filename`` is a safe basename whatever the client sent,
``client_filename`` keeps what it sent, and ``store()`` never writes outside its folder."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from orionis.http.uploaded_file import MAX_FILENAME_BYTES, UploadedFile, safe_filename
from orionis.testing import TestClient
from tests.integration.projects import write_project
from tests.security.web_app import booted_web_app

CORPUS = [
    ("../../etc/passwd", "passwd"),
    ("/etc/passwd", "passwd"),
    ("C:\\x\\y.txt", "y.txt"),
    ("..\\..\\windows\\win.ini", "win.ini"),
    ("..", "upload"),
    (".", "upload"),
    ("", "upload"),
    ("   ", "upload"),
    (".env", "env"),
    ("...hidden", "hidden"),
    ("a\x00b.png", "ab.png"),
    ("evil.txt\r\nContent-Type: text/html", "html"),
    ("photo\u202egnp.exe", "photognp.exe"),  # the right-to-left override would show "exe.png"
    ("zero\u200bwidth.txt", "zerowidth.txt"),
    ("dir/", "upload"),
    ("report.pdf.", "report.pdf"),
    ("C:stream.txt", "C_stream.txt"),
    ("résumé.txt", "résumé.txt"),
    ("e\u0301.txt", "é.txt"),  # normalised to NFC: one code point, as the file system shows it
    ("normal name (1).jpg", "normal name (1).jpg"),
]


@pytest.mark.parametrize(("sent", "safe"), CORPUS, ids=[repr(s) for s, _ in CORPUS])
def test_filenames_are_reduced_to_safe_basenames(sent: str, safe: str) -> None:
    assert safe_filename(sent) == safe


@pytest.mark.parametrize("sent", [sent for sent, _ in CORPUS])
def test_a_safe_name_has_no_separator_control_char_or_leading_dot(sent: str) -> None:
    name = safe_filename(sent)
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert name.isprintable()


@pytest.mark.parametrize(
    ("sent", "extension"),
    [("a" * 1000 + ".png", ".png"), ("é" * 300, ""), ("b" * 300 + "." + "x" * 40, "")],
)
def test_very_long_names_are_cut_to_255_bytes_keeping_a_short_extension(
    sent: str, extension: str
) -> None:
    name = safe_filename(sent)
    assert 200 < len(name.encode()) <= MAX_FILENAME_BYTES
    assert name.endswith(extension)
    name.encode().decode("utf-8")  # cut on a character boundary


async def test_the_client_name_is_kept_apart_from_the_safe_one() -> None:
    upload = UploadedFile("../../etc/passwd", "text/plain")
    try:
        assert (upload.client_filename, upload.filename) == ("../../etc/passwd", "passwd")
    finally:
        await upload.close()


async def test_store_writes_inside_the_folder_under_a_random_or_a_safe_name(
    tmp_path: Path,
) -> None:
    upload = UploadedFile("../../../escape.png", "image/png")
    await upload.write(b"png bytes")
    folder = tmp_path / "uploads"
    folder.mkdir()
    try:
        random = await upload.store(folder)
        named = await upload.store(folder, name="../../x/../.hidden.png")
    finally:
        await upload.close()
    assert random.parent == folder and random.suffix == ".png" and len(random.stem) == 40
    assert named == folder / "hidden.png"
    assert files_under(tmp_path) == {random: b"png bytes", named: b"png bytes"}


def files_under(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}


ROUTES = """
    from orionis.http import Request
    from orionis.routing import Route


    async def upload(request: Request):
        file = request.file("doc")
        return {"filename": file.filename, "client_filename": file.client_filename}


    Route.post("/upload", upload)
"""


@pytest.fixture
async def client(tmp_path: Path, kernel: str) -> AsyncIterator[TestClient]:
    async with booted_web_app(write_project(tmp_path / "p", {"routes/web.py": ROUTES})) as app:
        yield TestClient(app, kernel=kernel)


@pytest.mark.kernels("rsgi", "asgi")
async def test_an_uploaded_traversal_name_arrives_as_a_safe_basename(client: TestClient) -> None:
    files = {"doc": ("../../etc/passwd", b"root:x:0:0", "text/plain")}
    response = await client.post("/upload", files=files)
    assert response.status == 200
    assert response.json() == {"filename": "passwd", "client_filename": "../../etc/passwd"}
