"""Hostile file paths and byte ranges for the static and file-serving tests, a project that
plants a secret where no file may be served from, and a raw HTTP/1.1 client that sends a
request target byte for byte (no client-side normalisation of ``..``, ``//`` or encodings)."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from tests.integration.projects import write_project

__all__ = [
    "FILE_SIZE",
    "PUBLIC_CONTENT",
    "RANGE_CORPUS",
    "READ_TIMEOUT",
    "SECRET",
    "RawResponse",
    "as_server_path",
    "hostile_names",
    "plant",
    "range_problems",
    "raw_request",
    "server_targets",
    "write_file_project",
]

SECRET = secrets.token_hex(16)
"""The sentinel: written into every file that must never be served (one per test run)."""

FILE_SIZE = 1000
PUBLIC_CONTENT = bytes(range(256)) * 3 + bytes(FILE_SIZE - 768)
assert len(PUBLIC_CONTENT) == FILE_SIZE

# A request through a healthy server is answered in milliseconds; the bound is only there so
# that a hung server fails the test instead of hanging it (generous for a loaded 2-core box).
READ_TIMEOUT = 15.0

PROJECT_FILES = {
    "bootstrap/app.py": """
        from pathlib import Path

        from orionis import Application

        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.with_routing(web="routes/web.py", health="/up")
    """,
    "routes/web.py": """
        from pathlib import Path

        from orionis.http import FileResponse, Request
        from orionis.routing import Route

        PUBLIC = Path(__file__).resolve().parent.parent / "storage" / "app" / "public"


        async def public_file(name: str) -> FileResponse:
            return FileResponse.from_folder(PUBLIC, name)


        async def download(request: Request) -> FileResponse:
            name = request.query.get("name") or ""
            return FileResponse.from_folder(PUBLIC, name, filename=name.rpartition("/")[2])


        async def data() -> FileResponse:
            return FileResponse(PUBLIC / "data.bin")


        Route.get("/files/{name:path}", public_file)
        Route.get("/download", download)
        Route.get("/data", data)
    """,
}


def plant(project: Path) -> Path:
    """Put the secret everywhere nothing may be served from, and servable files in the public
    folder; return the public folder. Traps: the project root (``.env``, ``config``), the
    parent of the public folder, dotfiles and dot folders inside it, symbolic links (to a file
    and to a folder) leading out of it and one leading to a dotfile inside it."""
    public = project / "storage" / "app" / "public"
    (public / "sub").mkdir(parents=True, exist_ok=True)
    (public / "hello.txt").write_text("hello from public")
    (public / "sub" / "visible.txt").write_text("visible")
    (public / "data.bin").write_bytes(PUBLIC_CONTENT)
    for trap in (
        project / ".env",
        project / "secret.txt",
        project / "config" / "secrets.txt",
        project / "storage" / "app" / "secret.txt",
        public / ".env",
        public / ".git" / "config",
        public / "sub" / ".hidden",
        public / ".hidden-dir" / "file.txt",
    ):
        trap.parent.mkdir(parents=True, exist_ok=True)
        trap.write_text(f"SENTINEL_KEY={SECRET}\n")
    (public / "link.txt").symlink_to(project / "secret.txt")
    (public / "linked").symlink_to(project, target_is_directory=True)
    (public / "dotlink.txt").symlink_to(public / ".env")
    (public / "sub" / "up").symlink_to(project / "storage" / "app", target_is_directory=True)
    return public


def write_file_project(root: Path) -> tuple[Path, Path]:
    """A project whose routes send files by a client-given name (``/files/{name}``,
    ``/download?name=``) and one fixed file (``/data``), with traps planted; returns the
    project and its public folder."""
    project = write_project(root, PROJECT_FILES)
    return project, plant(project)


def hostile_names() -> list[str]:
    """Names (request-target tails, sent raw after a route prefix like ``/static/``) that
    must never reach a planted secret: traversal in many encodings, dotfiles, links, NUL."""
    up = "../"
    return [
        # dotfiles, dot folders and links, plain and encoded
        ".env",
        ".git/config",
        "sub/.hidden",
        ".hidden-dir/file.txt",
        "%2eenv",
        "%2Eenv",
        "%2e%67it/config",
        "sub/%2ehidden",
        ".env.",
        ".env%20",
        ".env;x=1",
        ".env#fragment",
        ".ENV",
        "./.env",
        "sub/..%2f.hidden-dir%2ffile.txt",
        "link.txt",
        "linked/secret.txt",
        "linked/.env",
        "linked/storage/app/secret.txt",
        "linked/",
        "dotlink.txt",
        "sub/up/secret.txt",
        # plain dot segments
        "../secret.txt",
        "../../../.env",
        "../../../secret.txt",
        "../../../config/secrets.txt",
        "sub/../../secret.txt",
        "hello.txt/../../secret.txt",
        "./../secret.txt",
        "sub/./../../secret.txt",
        "//../secret.txt",
        # percent-encoded dots and slashes
        "%2e%2e/secret.txt",
        "%2e%2e/%2e%2e/%2e%2e/.env",
        "%2E%2E/%2E%2E/%2E%2E/secret.txt",
        "%2e./secret.txt",
        ".%2e/secret.txt",
        "..%2fsecret.txt",
        "..%2F..%2F..%2F.env",
        "%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt",
        "%2e%2e%2f" * 12 + "etc%2fpasswd",
        # double encoding, overlong UTF-8, IIS %u, fullwidth dots
        "%252e%252e/secret.txt",
        "%252e%252e%252fsecret.txt",
        "..%252f..%252f..%252fsecret.txt",
        "%c0%ae%c0%ae/secret.txt",
        "%c0%ae%c0%ae%c0%afsecret.txt",
        "%e0%80%ae%e0%80%ae/secret.txt",
        "%u002e%u002e/secret.txt",
        "%2e%2e%u2215secret.txt",
        "%ef%bc%8e%ef%bc%8e/secret.txt",
        "\uff0e\uff0e/secret.txt",
        "%ef%bc%8e%ef%bc%8e%ef%bc%8fsecret.txt",
        # backslashes
        "..%5csecret.txt",
        "..%5c..%5c..%5c.env",
        "sub%5c..%5c..%5csecret.txt",
        "%2e%2e%5csecret.txt",
        "..\\secret.txt",
        "..\\..\\..\\.env",
        # trailing dots and spaces, parameters, query and fragment tricks
        "../secret.txt.",
        "../secret.txt%20",
        "..;/secret.txt",
        "..%3b/secret.txt",
        "..?/secret.txt",
        "../secret.txt?download=1",
        "..#/secret.txt",
        "%2e%2e%23/secret.txt",
        "%2e%2e%3f/secret.txt",
        # NUL, encoded and raw
        ".env%00.txt",
        "hello.txt%00",
        "../secret.txt%00.png",
        "%00../secret.txt",
        ".env\x00.txt",
        # absolute paths
        "/etc/passwd",
        "%2fetc%2fpasswd",
        "/../secret.txt",
        # very long paths
        up * 2000 + "secret.txt",
        "a/" * 4000 + up * 4000 + "secret.txt",
        "a" * 300,
        "sub/" + "%2e%2e%2f" * 1000 + ".env",
    ]


def server_targets(prefix: str) -> list[bytes]:
    """``prefix`` + each hostile name, plus whole-target attacks outside any prefix."""
    names = [(prefix + name).encode() for name in hostile_names()]
    return [
        *names,
        b"/etc/passwd",
        b"//etc/passwd",
        b"/../../../../etc/passwd",
        b"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        b"/.env",
        b"/%2eenv",
        b"/../.env",
        b"http://127.0.0.1" + prefix.encode() + b"../secret.txt",
    ]


def as_server_path(name: str) -> str:
    """The path a server hands the application for a raw tail: the query and fragment cut,
    percent-decoded once, invalid UTF-8 as U+FFFD (what Granian 2.8.7 was measured to do)."""
    for mark in ("#", "?"):
        name = name.partition(mark)[0]
    return unquote(name, errors="replace")


@dataclass(frozen=True)
class RawResponse:
    """A response as read from the socket: status, raw head and body bytes."""

    status: int
    head: bytes
    body: bytes

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or None."""
        for line in self.head.split(b"\r\n")[1:]:
            key, _, value = line.partition(b":")
            if key.strip().lower() == name.lower().encode():
                return value.strip().decode("latin-1")
        return None


def raw_request(
    port: int, target: bytes, method: bytes = b"GET", headers: bytes = b""
) -> RawResponse:
    """Send ``method target HTTP/1.1`` exactly as given (``headers``: raw ``Name: v\\r\\n``
    lines) on a fresh connection, read until the server closes it."""
    with socket.create_connection(("127.0.0.1", port), timeout=READ_TIMEOUT) as sock:
        head = b"%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" % (method, target)
        sock.sendall(head + headers + b"\r\n")
        data = bytearray()
        while chunk := sock.recv(65536):
            data += chunk
    raw_head, _, body = bytes(data).partition(b"\r\n\r\n")
    status_line = raw_head.split(b"\r\n", 1)[0]
    status = int(status_line.split()[1]) if status_line.startswith(b"HTTP/1.1 ") else 0
    if status and b"transfer-encoding: chunked" in raw_head.lower():
        body = _dechunk(body)
    return RawResponse(status, raw_head, body)


def _dechunk(body: bytes) -> bytes:
    out = bytearray()
    while body:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += body[:size]
        body = body[size + 2 :]
    return bytes(out)


RANGE_CORPUS: list[tuple[str, list[str], str]] = []
"""(case id, Range header values, expected outcome) — filled below; outcomes:
``"206 a-b"`` (that single range), ``"200"`` (the whole file), ``"416"``."""


def _ranges() -> None:
    last = FILE_SIZE - 1
    cases: list[tuple[str, list[str], str]] = [
        ("single", ["bytes=10-19"], "206 10-19"),
        ("open-ended", ["bytes=990-"], f"206 990-{last}"),
        ("suffix", ["bytes=-5"], f"206 995-{last}"),
        ("suffix-larger-than-file", ["bytes=-5000"], f"206 0-{last}"),
        ("end-past-the-file", ["bytes=500-5000"], f"206 500-{last}"),
        ("huge-end", ["bytes=0-99999999999999999999"], f"206 0-{last}"),
        ("huge-suffix", ["bytes=-99999999999999999999"], f"206 0-{last}"),
        ("thousands-of-digits", ["bytes=0-" + "9" * 5000], f"206 0-{last}"),
        ("uppercase-unit", ["BYTES=0-0"], "206 0-0"),
        ("start-at-size", [f"bytes={FILE_SIZE}-"], "416"),
        ("start-past-size", ["bytes=5000-6000"], "416"),
        ("huge-start", ["bytes=99999999999999999999-"], "416"),
        ("huge-start-digits", ["bytes=" + "9" * 5000 + "-"], "416"),
        ("empty-suffix", ["bytes=-0"], "416"),
        ("thousands-of-ranges", [",".join(f"{i}-{i}" for i in range(0, 8000, 2))], "200"),
        ("overlapping", ["bytes=0-500,100-600,200-700"], "200"),
        ("same-range-many-times", [",".join(["0-999"] * 2000)], "200"),
        ("multi-past-the-end", ["bytes=5000-5001,6000-6001"], "200"),
        ("trailing-comma", ["bytes=0-1,"], "200"),
        ("reversed", ["bytes=20-10"], "200"),
        ("double-dash", ["bytes=--1"], "200"),
        ("negative-start", ["bytes=-1-5"], "200"),
        ("only-dash", ["bytes=-"], "200"),
        ("no-dash", ["bytes=5"], "200"),
        ("no-equals", ["bytes 0-5"], "200"),
        ("empty", ["bytes="], "200"),
        ("other-unit", ["items=0-5"], "200"),
        ("no-unit", ["=0-5"], "200"),
        ("signs", ["bytes=+1-+5"], "200"),
        ("hex", ["bytes=0x0-0x5"], "200"),
        ("unicode-digits", ["bytes=\u00b2-\u00b3"], "200"),
        ("float", ["bytes=1.5-2.5"], "200"),
        ("many-range-headers", [f"bytes={i}-{i}" for i in range(40)], "200"),
        ("two-range-headers", ["bytes=0-1", "bytes=5-6"], "200"),
    ]
    RANGE_CORPUS.extend(cases)


_ranges()


def range_problems(
    status: int, header: Callable[[str], str | None], body: bytes, expected: str
) -> list[str]:
    """What is wrong with the answer to a Range request whose ``expected`` outcome is one of
    `RANGE_CORPUS`'s (empty when nothing). ``header`` looks a response header up by name."""
    problems = []
    if len(body) > FILE_SIZE:
        problems.append(f"{len(body)} bytes sent for a {FILE_SIZE}-byte file")
    if expected == "200":
        if (status, body) != (200, PUBLIC_CONTENT):
            problems.append(f"expected the whole file with 200, got {status}")
    elif expected == "416":
        if (status, header("content-range"), body) != (416, f"bytes */{FILE_SIZE}", b""):
            problems.append(f"expected an empty 416, got {status} {header('content-range')}")
    else:
        first, last = (int(n) for n in expected.split()[1].split("-"))
        wanted = (206, f"bytes {first}-{last}/{FILE_SIZE}", PUBLIC_CONTENT[first : last + 1])
        if (status, header("content-range"), body) != wanted:
            problems.append(f"expected {wanted[:2]}, got {status} {header('content-range')}")
        if header("content-length") not in (None, str(last + 1 - first)):
            problems.append(f"content-length {header('content-length')}")
    return problems
