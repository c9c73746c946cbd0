"""Form bodies: urlencoded and multipart (fields, files, spooling, malformed input)."""

from __future__ import annotations

import io

import httpx
import pytest

from orionis.http.body import BodyLimits
from orionis.http.exceptions import BadRequest, BodyConsumedError, PayloadTooLarge
from orionis.http.form import FormData, parse_urlencoded
from orionis.http.uploaded_file import SPOOL_MAX_SIZE, UploadedFile
from tests.http.conftest import RequestFactory

URLENCODED = [("content-type", "application/x-www-form-urlencoded")]


def encoded(data: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[str, bytes]:
    """A multipart body as httpx (a real client) encodes it."""
    request = httpx.Request("POST", "http://x/", data=data, files=files)
    return request.headers["content-type"], request.read()


def split(body: bytes, size: int) -> list[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)]


async def test_urlencoded_fields_repeat_and_decode(make_request: RequestFactory) -> None:
    body = [b"name=Ada+L&tag=a&tag=b&empty=&city=%C3%85s"]
    form = await make_request("POST", headers=URLENCODED, body=body).form()
    assert form["name"] == "Ada L"
    assert form.get_all("tag") == ["a", "b"]
    assert form["empty"] == ""
    assert form["city"] == "Ås"


@pytest.mark.parametrize("body", [b"a=1&broken", b"a=%FF"])
def test_malformed_urlencoded_is_a_bad_request(body: bytes) -> None:
    with pytest.raises(BadRequest, match="Malformed form body: "):
        parse_urlencoded(body)


async def test_multipart_fields_and_files(make_request: RequestFactory) -> None:
    content_type, body = encoded(
        {"title": "Räport"}, {"doc": ("résumé.txt", b"hello world", "text/plain")}
    )
    request = make_request("POST", headers=[("content-type", content_type)], body=split(body, 7))
    form = await request.form()
    assert form["title"] == "Räport"
    upload = form["doc"]
    assert isinstance(upload, UploadedFile)
    assert (upload.filename, upload.content_type, upload.size) == ("résumé.txt", "text/plain", 11)
    assert await upload.read() == b"hello world"
    assert form.fields().to_dict() == {"title": "Räport"}
    assert list(form.files()) == ["doc"]


async def test_large_uploads_spool_to_disk(make_request: RequestFactory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    payload = b"0123456789" * (SPOOL_MAX_SIZE // 10 + 100)
    small = b"tiny"
    content_type, body = encoded(
        {}, {"big": ("big.bin", payload, "application/octet-stream"), "small": ("s", small, "x/y")}
    )
    request = make_request(
        "POST",
        headers=[("content-type", content_type)],
        body=split(body, 64 * 1024),
        max_body_size=10 * SPOOL_MAX_SIZE,
    )
    form = await request.form()
    big, tiny = form["big"], form["small"]
    assert isinstance(big, UploadedFile) and isinstance(tiny, UploadedFile)
    assert isinstance(tiny.file._file, io.BytesIO)  # type: ignore[attr-defined]
    assert not isinstance(big.file._file, io.BytesIO)  # type: ignore[attr-defined]
    assert not big.in_memory and tiny.in_memory
    assert big.size == len(payload)
    target = await big.save(tmp_path / "copy.bin")
    assert target.read_bytes() == payload
    assert await big.read(10) == b"0123456789"
    await form.close()
    assert big.file.closed and tiny.file.closed


async def test_multipart_is_streamed_into_the_parser(make_request: RequestFactory) -> None:
    content_type, body = encoded({"a": "1"}, {"f": ("f.txt", b"x", "text/plain")})
    request = make_request("POST", headers=[("content-type", content_type)], body=split(body, 9))
    assert (await request.form())["a"] == "1"
    # Streamed straight into the parser, so there is no buffered copy to read afterwards.
    with pytest.raises(BodyConsumedError):
        await request.body()


async def test_multipart_after_body_uses_the_buffered_body(make_request: RequestFactory) -> None:
    content_type, body = encoded({"a": "1"}, {"f": ("f.txt", b"x", "text/plain")})
    request = make_request("POST", headers=[("content-type", content_type)], body=[body])
    assert await request.body() == body
    assert (await request.form())["a"] == "1"


async def test_multipart_without_boundary_is_a_bad_request(make_request: RequestFactory) -> None:
    request = make_request("POST", headers=[("content-type", "multipart/form-data")], body=[b"x"])
    with pytest.raises(BadRequest) as caught:
        await request.form()
    assert caught.value.status_code == 400
    assert str(caught.value) == (
        "Malformed multipart body: the Content-Type header has no boundary. "
        "Send 'multipart/form-data; boundary=...' (HTTP clients add it for you)."
    )


MULTIPART = [("content-type", "multipart/form-data; boundary=XyZ")]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"garbage", "Malformed multipart body: "),
        (
            b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue',
            "it ended before the closing boundary",
        ),
        (b"--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--\r\n", "no Content-Disposition"),
        (b"--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--\r\n", "has no name"),
        (
            b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n\xff\r\n--XyZ--\r\n',
            "field 'a' is not valid UTF-8",
        ),
    ],
)
async def test_broken_multipart_is_a_bad_request_with_the_reason(
    make_request: RequestFactory, body: bytes, reason: str
) -> None:
    request = make_request("POST", headers=MULTIPART, body=[body])
    with pytest.raises(BadRequest, match=reason):
        await request.form()


async def test_too_many_parts_is_payload_too_large(make_request: RequestFactory) -> None:
    max_parts = BodyLimits().max_form_parts
    part = b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n'
    body = part * (max_parts + 1) + b"--XyZ--\r\n"
    request = make_request("POST", headers=MULTIPART, body=[body])
    with pytest.raises(PayloadTooLarge, match=f"more than {max_parts} parts"):
        await request.form()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[UploadedFile]:
    """Every UploadedFile created during the test."""
    created: list[UploadedFile] = []
    original = UploadedFile.__init__

    def tracking(self: UploadedFile, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        created.append(self)

    monkeypatch.setattr(UploadedFile, "__init__", tracking)
    return created


async def test_files_already_written_are_closed_when_parsing_fails(
    make_request: RequestFactory, opened: list[UploadedFile]
) -> None:
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\n'
        b"data\r\n--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--\r\n"
    )
    with pytest.raises(BadRequest):
        await make_request("POST", headers=MULTIPART, body=[body]).form()
    assert len(opened) == 1 and opened[0].file.closed


async def test_an_unfinished_file_is_closed_when_the_body_is_cut(
    make_request: RequestFactory, opened: list[UploadedFile]
) -> None:
    body = b'--XyZ\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\npartial'
    with pytest.raises(BadRequest, match="ended before the closing boundary"):
        await make_request("POST", headers=MULTIPART, body=[body]).form()
    assert len(opened) == 1 and opened[0].file.closed


def test_form_data_is_a_multi_dict() -> None:
    form = FormData([("a", "1"), ("a", "2")])
    assert form.get("a") == "2" and form.get_all("a") == ["1", "2"]
