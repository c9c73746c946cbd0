"""A route's own ``max_body_size`` replaces ``http.max_body_size`` for its requests: larger for
an upload route, smaller for a JSON endpoint, whether the kernel parses the body before routing
(JSON, forms) or the handler streams it; other routes keep the configured limit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from orionis.routing import RoutingError
from orionis.routing.route import RouteDefinition
from orionis.testing import TestClient
from tests.integration.projects import write_project
from tests.security.web_app import booted_web_app

pytestmark = pytest.mark.kernels("rsgi", "asgi")

GLOBAL = 4096
SMALL = 512
LARGE = 64 * 1024
JSON = {"accept": "application/json"}

PROJECT = {
    "config/http.py": f"max_body_size = {GLOBAL}\n",
    "routes/web.py": f"""
        from orionis.http import Request
        from orionis.routing import Route


        async def size(request: Request):
            return {{"size": len(await request.body())}}


        async def fields(request: Request):
            return {{"fields": len((await request.form()).multi_items())}}


        async def streamed(request: Request):
            total = 0
            async for chunk in request.stream():
                total += len(chunk)
            return {{"size": total}}


        Route.post("/small", size).max_body_size({SMALL})
        Route.post("/small-form", fields).max_body_size({SMALL})
        Route.put("/small-form", fields).max_body_size({LARGE})
        Route.post("/large", size).max_body_size({LARGE})
        Route.post("/large-stream", streamed).max_body_size({LARGE})
        Route.post("/default", size)
    """,
}


@pytest.fixture
async def client(tmp_path: Path, kernel: str) -> AsyncIterator[TestClient]:
    async with booted_web_app(write_project(tmp_path / "project", PROJECT)) as app:
        yield TestClient(app, kernel=kernel)


def _json_body(size: int) -> bytes:
    # A JSON string of exactly ``size`` bytes: the kernel decodes it before routing.
    return b'"' + b"x" * (size - 2) + b'"'


@pytest.mark.parametrize(
    ("path", "size", "status"),
    [
        ("/small", SMALL, 200),
        ("/small", SMALL + 1, 413),
        ("/large", GLOBAL + 1, 200),
        ("/large", LARGE, 200),
        ("/large", LARGE + 1, 413),
        ("/default", GLOBAL, 200),
        ("/default", GLOBAL + 1, 413),
    ],
)
async def test_a_parsed_body_is_read_within_its_routes_limit(
    client: TestClient, path: str, size: int, status: int
) -> None:
    headers = {**JSON, "content-type": "application/json"}
    response = await client.post(path, content=_json_body(size), headers=headers)
    assert response.status == status, response.text
    if status == 413:
        limit = {"/small": SMALL, "/large": LARGE, "/default": GLOBAL}[path]
        assert f"the limit of {limit} bytes" in response.json()["message"]
        assert ".max_body_size(...)" in response.json()["message"]
    else:
        assert response.json() == {"size": size}


@pytest.mark.parametrize(("size", "status"), [(LARGE, 200), (LARGE + 1, 413)])
async def test_a_streamed_body_without_a_content_type_uses_its_routes_limit(
    client: TestClient, size: int, status: int
) -> None:
    # No Content-Type: nothing is parsed before routing, the handler streams the body.
    response = await client.post("/large-stream", content=b"x" * size, headers=JSON)
    assert response.status == status, response.text


async def test_a_form_is_refused_past_its_routes_limit(client: TestClient) -> None:
    data = {"name": "x" * SMALL}
    response = await client.post("/small-form", data=data, headers=JSON)
    assert response.status == 413, response.text
    assert f"the limit of {SMALL} bytes" in response.json()["message"]


async def test_a_spoofed_method_reads_its_form_within_the_post_routes_limit(
    client: TestClient,
) -> None:
    # The body is parsed before `_method` is known: the POST route at the path decides, even
    # though the PUT route it spoofs would allow more.
    small = await client.post("/small-form", data={"_method": "PUT", "a": "1"}, headers=JSON)
    assert (small.status, small.json()) == (200, {"fields": 2})
    large = {"_method": "PUT", "name": "x" * SMALL}
    assert (await client.post("/small-form", data=large, headers=JSON)).status == 413


@pytest.mark.kernels()
@pytest.mark.parametrize("size", [-1, 1.5, "1M", True, None])
def test_a_route_limit_must_be_a_whole_number_of_bytes(size: object) -> None:
    route = RouteDefinition(("POST",), "/upload", (), lambda: None, "routes/web.py:3")
    with pytest.raises(RoutingError, match=r"\.max_body_size\(.*\) on .*/upload.*whole number"):
        route.max_body_size(size)  # type: ignore[arg-type]
