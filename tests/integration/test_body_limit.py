"""``max_body_size`` from config/http.py is enforced by every server: a larger body gets 413."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import httpx
import pytest

from tests.integration.projects import WEB_BOOTSTRAP, serve_project, write_project

LIMIT = 1024

PROJECT = {
    "config/http.py": f"max_body_size = {LIMIT}\n",
    **WEB_BOOTSTRAP,
    "routes/web.py": """
        from orionis.http import Request
        from orionis.routing import Route


        async def upload(request: Request) -> dict[str, int]:
            return {"size": len(await request.body())}


        Route.post("/upload", upload)
    """,
}


@pytest.fixture(scope="module")
def server_url(server_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = write_project(tmp_path_factory.mktemp("limited") / "project", PROJECT)
    with ExitStack() as servers:
        yield serve_project(servers, server_kind, project).url


@pytest.fixture
def client(server_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server_url, timeout=10) as client:
        yield client


def test_a_body_at_the_limit_is_read(client: httpx.Client) -> None:
    response = client.post("/upload", content=b"x" * LIMIT)
    assert response.status_code == 200
    assert response.json() == {"size": LIMIT}


def test_a_declared_body_over_the_limit_is_413_with_the_reason(client: httpx.Client) -> None:
    headers = {"accept": "application/json"}
    response = client.post("/upload", content=b"x" * (LIMIT + 1), headers=headers)
    assert response.status_code == 413
    assert response.json() == {
        "message": f"Request body is larger than the limit of {LIMIT} bytes "
        f"(Content-Length: {LIMIT + 1}). Send a smaller body, or raise max_body_size "
        "in config/http.py (or the route's .max_body_size(...))."
    }


def test_a_chunked_body_over_the_limit_is_413(client: httpx.Client) -> None:
    response = client.post("/upload", content=iter([b"x" * LIMIT, b"x"]))
    assert response.status_code == 413
    assert f"larger than the limit of {LIMIT} bytes" in response.text
