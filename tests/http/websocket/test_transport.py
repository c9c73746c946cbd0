"""What both adapters use to build a connection: the client's address, the empty body."""

from __future__ import annotations

import pytest

from orionis.http.websocket.transport import client_address, empty_body


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10.0.0.7:51000", ("10.0.0.7", 51000)),
        ("[::1]:8000", ("::1", 8000)),
        (("10.0.0.7", "51000"), ("10.0.0.7", 51000)),
        ("unix-socket", ("unix-socket", 0)),
        (None, None),
    ],
)
def test_client_address_of_either_server(raw: object, expected: object) -> None:
    assert client_address(raw) == expected  # type: ignore[arg-type]


async def test_a_handshake_has_no_body() -> None:
    assert [chunk async for chunk in empty_body()] == []
