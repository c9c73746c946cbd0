"""A corpus of malformed multipart bodies: each is answered 400 with the reason, through both
kernels in process, never 500; the well-formed controls around them are read."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from orionis.testing import TestClient
from tests.integration.projects import write_project
from tests.security.web_app import booted_web_app

pytestmark = pytest.mark.kernels("rsgi", "asgi")

TYPE = "multipart/form-data; boundary=B"
FIELD = b'--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n'
END = b"--B--\r\n"


def part(headers: bytes, data: bytes = b"v") -> bytes:
    return b"--B\r\n" + headers + b"\r\n\r\n" + data + b"\r\n"


# (name, Content-Type header, body, what the reason must say)
CORPUS: list[tuple[str, str, bytes, str]] = [
    ("no boundary", "multipart/form-data", FIELD + END, "no boundary"),
    ("empty boundary", "multipart/form-data; boundary=", FIELD + END, "no boundary"),
    ("boundary over 70 chars", f"multipart/form-data; boundary={'b' * 71}", END, "70"),
    ("boundary with a bad char", "multipart/form-data; boundary=a<b", END, "boundary"),
    ("boundary ending in a space", 'multipart/form-data; boundary="ab "', END, "boundary"),
    ("wrong boundary", TYPE, FIELD.replace(b"--B", b"--C") + b"--C--\r\n", "boundary"),
    ("missing closing boundary", TYPE, FIELD, "closing boundary"),
    ("empty body", TYPE, b"", "closing boundary"),
    ("cut inside part headers", TYPE, b"--B\r\nContent-Disposition: form-da", "closing"),
    ("preamble junk", TYPE, b"junk before\r\n" + FIELD + END, "boundary"),
    ("LF line endings", TYPE, (FIELD + END).replace(b"\r\n", b"\n"), "CR"),
    (
        "header without colon",
        TYPE,
        part(b'Content-Disposition form-data; name="a"') + END,
        "header",
    ),
    (
        "space in a header name",
        TYPE,
        part(b'Content Disposition: form-data; name="a"') + END,
        "header",
    ),
    (
        "folded header line",
        TYPE,
        part(b'Content-Disposition: form-data;\r\n name="a"') + END,
        "header",
    ),
    ("huge header", TYPE, part(b"X-Junk: " + b"j" * 70_000) + END, "header"),
    (
        "no Content-Disposition",
        TYPE,
        part(b"Content-Type: text/plain") + END,
        "no Content-Disposition",
    ),
    (
        "two Content-Dispositions",
        TYPE,
        part(
            b'Content-Disposition: form-data; name="a"\r\nContent-Disposition: form-data; name="b"'
        )
        + END,
        "more than one",
    ),
    ("not form-data", TYPE, part(b'Content-Disposition: attachment; name="a"') + END, "form-data"),
    ("no name", TYPE, part(b"Content-Disposition: form-data") + END, "no name"),
    ("empty name", TYPE, part(b'Content-Disposition: form-data; name=""') + END, "no name"),
    (
        "NUL in a header",
        TYPE,
        part(b'Content-Disposition: form-data; name="a\x00b"') + END,
        "NUL",
    ),
    (
        "newline escape in a name",
        TYPE,
        part(b'Content-Disposition: form-data; name="a\x1bb"') + END,
        "control",
    ),
    (
        "bad UTF-8 in a name",
        TYPE,
        part(b'Content-Disposition: form-data; name="\xff\xfe"') + END,
        "UTF-8",
    ),
    (
        "bad UTF-8 in a field",
        TYPE,
        part(b'Content-Disposition: form-data; name="a"', b"\xc3\x28") + END,
        "UTF-8",
    ),
    (
        "CRLF injection in a filename",
        TYPE,
        part(
            b'Content-Disposition: form-data; name="f"; filename="a.txt\r\nContent-Type: text/html"'
        )
        + END,
        "unclosed quote",
    ),
    (
        "nested multipart",
        TYPE,
        part(
            b'Content-Disposition: form-data; name="n"\r\n'
            b"Content-Type: multipart/mixed; boundary=C",
            b"--C\r\nContent-Disposition: file; filename=x\r\n\r\nx\r\n--C--",
        )
        + END,
        "itself multipart",
    ),
]

CONTROLS: list[tuple[str, bytes]] = [
    ("one field", FIELD + END),
    ("epilogue after the end", FIELD + END + b"trailing text is allowed by RFC 2046"),
    ("no parts at all", END),
    (
        "a file and a field",
        part(
            b'Content-Disposition: form-data; name="f"; filename="x.txt"\r\n'
            b"Content-Type: text/plain",
            b"data",
        )
        + FIELD
        + END,
    ),
]

ROUTES = """
    from orionis.http import Request
    from orionis.routing import Route


    async def form(request: Request):
        data = await request.form()
        return {"names": sorted(data.keys())}


    Route.post("/form", form)
"""


@pytest.fixture
async def client(tmp_path: Path, kernel: str) -> AsyncIterator[TestClient]:
    async with booted_web_app(write_project(tmp_path / "p", {"routes/web.py": ROUTES})) as app:
        yield TestClient(app, kernel=kernel)


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 20
    assert len({name for name, *_ in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize(
    ("name", "content_type", "body", "reason"), CORPUS, ids=[c[0] for c in CORPUS]
)
async def test_a_malformed_multipart_body_is_400_with_its_reason(
    client: TestClient, name: str, content_type: str, body: bytes, reason: str
) -> None:
    headers = {"content-type": content_type, "accept": "application/json"}
    response = await client.post("/form", content=body, headers=headers)
    assert response.status == 400, f"{name}: {response.status} {response.text}"
    message = response.json()["message"]
    assert message.startswith("Malformed multipart body: "), message
    assert reason in message, message


@pytest.mark.parametrize(("name", "body"), CONTROLS, ids=[c[0] for c in CONTROLS])
async def test_well_formed_controls_are_read(client: TestClient, name: str, body: bytes) -> None:
    response = await client.post("/form", content=body, headers={"content-type": TYPE})
    assert response.status == 200, f"{name}: {response.text}"
