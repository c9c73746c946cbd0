"""Errors never leak: with APP_DEBUG=false a 500 shows no traceback, path, APP_KEY or config
secret, even when the exception's own message carries them; bad JSON is a 400 (or 413), never
a 500. Through both kernels in process; tests/security/test_error_real_server.py repeats the
leak check and adds 1000 alternating requests against a real server."""

from __future__ import annotations

import textwrap
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path

import orjson
import pytest

from orionis.foundation.application import Application
from orionis.testing import TestClient
from orionis.testing.project import isolated_process

pytestmark = pytest.mark.kernels("rsgi", "asgi")

APP_KEY = "base64:Yv0Q3XkqS3Nm7m1c0j1pJbQ2r1mC9TtB2fQH5Yx8kq4="
REDIS_PASSWORD = "hunter2-redis-password"
SECRETS = {
    "APP_KEY": APP_KEY,
    "REDIS_URL": f"redis://:{REDIS_PASSWORD}@127.0.0.1:6379/15",
    "STRIPE_SECRET": "sk_live_51HxSecretStripeValue",
    "DB_PASSWORD": "correct-horse-battery-staple",
    "GITHUB_TOKEN": "ghp_tokenvalue0123456789",
}
MAX_BODY = 1024 * 1024
JSON_POST = {"content-type": "application/json", "accept": "application/json"}

# The project: routes raising errors whose messages carry every secret and a file path.
FILES = {
    "config/app.py": """
        from orionis.config import env
        debug = env("APP_DEBUG", False)
        key = env("APP_KEY", "")
    """,
    "config/session.py": """
        from orionis.config import env
        driver = "memory"
        redis_url = env("REDIS_URL", "redis://127.0.0.1:6379/0")
    """,
    "config/http.py": f"""
        middleware = []
        middleware_groups = {{"web": ["cookies", "session"], "api": []}}
        max_body_size = {MAX_BODY}
    """,
    "routes/web.py": """
        import os

        from orionis.routing import Route


        def _leaky_message() -> str:
            names = ("APP_KEY", "REDIS_URL", "STRIPE_SECRET", "DB_PASSWORD", "GITHUB_TOKEN")
            values = " ".join(os.environ[name] for name in names)
            return f"failed in {__file__} with {values}"


        def crash():
            raise RuntimeError(_leaky_message())


        class BadStr(Exception):
            def __str__(self) -> str:
                raise ValueError(_leaky_message())


        def bad_str():
            raise BadStr()


        def ok():
            return {"ok": True}


        Route.get("/crash", crash)
        Route.get("/bad-str", bad_str)
        Route.get("/ok", ok)
    """,
    "routes/api.py": """
        from orionis.http import Request
        from orionis.routing import Route


        async def count(request: Request):
            data = await request.json()
            return {"items": len(data)}


        Route.post("/json", count)
    """,
}


def write_error_project(root: Path, env: Mapping[str, str]) -> Path:
    """The project above under ``root``, with ``env`` as its ``.env``."""
    files = {**FILES, ".env": "".join(f"{key}={value}\n" for key, value in env.items())}
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip())
    return root


def leaks(text: str, root: Path) -> list[str]:
    """What of the secrets, the project path and traceback markers appears in ``text``."""
    markers = [*SECRETS.values(), REDIS_PASSWORD, str(root), "Traceback", ".py", "RuntimeError"]
    markers += ["failed in", "BadStr", "ValueError", 'File "']
    return [marker for marker in markers if marker in text]


@pytest.fixture
async def production(tmp_path: Path) -> AsyncIterator[Callable[[str], TestClient]]:
    """``production(kernel)``: a client on the booted project with APP_DEBUG=false."""
    with isolated_process():
        env = {"APP_ENV": "production", "APP_DEBUG": "false", **SECRETS}
        app = Application(base_path=write_error_project(tmp_path, env))
        app.with_routing(web="routes/web.py", api="routes/api.py")
        await app.boot()
        yield lambda kernel: TestClient(app, kernel=kernel)
        await app.shutdown()


@pytest.mark.parametrize("path", ["/crash", "/bad-str"])
@pytest.mark.parametrize("accept", ["text/html", "application/json"])
async def test_a_500_shows_no_secret_path_or_trace(
    production: Callable[[str], TestClient], kernel: str, tmp_path: Path, path: str, accept: str
) -> None:
    client = production(kernel)

    response = await client.get(path, headers={"accept": accept})

    assert response.status == 500
    everything = response.text + "".join(f"{k}: {v}\n" for k, v in response.headers.items())
    assert leaks(everything, tmp_path) == []
    if accept == "application/json":
        assert response.json() == {"message": "Server Error"}
    else:
        assert "500 | Server Error" in response.text


MALFORMED = [
    b"{",
    b'{"a": 1',
    b"[1,]",
    b"NaN",
    b"\xff\xfe\x00",
    b'"\\ud800"',
    b"1" * 5000,
    b"{'single': 'quotes'}",
    b'{"a": 1} trailing',
    b"   ",
]


@pytest.mark.parametrize("body", MALFORMED, ids=range(len(MALFORMED)))
async def test_malformed_json_is_a_400_with_a_reason(
    production: Callable[[str], TestClient], kernel: str, body: bytes
) -> None:
    response = await production(kernel).post("/api/json", content=body, headers=JSON_POST)

    assert response.status == 400, response.text
    assert "JSON body" in response.json()["message"]


@pytest.mark.parametrize("depth", [1025, 100_000])
async def test_deeply_nested_json_is_a_400_naming_the_depth(
    production: Callable[[str], TestClient], kernel: str, depth: int
) -> None:
    # orjson stops at a depth of 1024 and raises a JSONDecodeError, not a RecursionError.
    for opening, closing in ((b"[", b"]"), (b'{"a":', b"}")):
        body = opening * depth + b"1" + closing * depth
        assert len(body) < MAX_BODY  # refused for its depth, not its size
        response = await production(kernel).post("/api/json", content=body, headers=JSON_POST)
        assert response.status == 400, response.text
        assert "depth limit exceeded" in response.json()["message"]


async def test_json_nested_up_to_the_limit_is_accepted(
    production: Callable[[str], TestClient], kernel: str
) -> None:
    body = b"[" * 1024 + b"]" * 1024

    response = await production(kernel).post("/api/json", content=body, headers=JSON_POST)

    assert response.status == 200
    assert response.json() == {"items": 1}


async def test_huge_json_is_a_413_and_large_json_within_the_limit_is_read(
    production: Callable[[str], TestClient], kernel: str
) -> None:
    client = production(kernel)
    within = orjson.dumps(list(range(MAX_BODY // 8)))
    assert len(within) < MAX_BODY
    huge = orjson.dumps(list(range(MAX_BODY)))

    accepted = await client.post("/api/json", content=within, headers=JSON_POST)
    refused = await client.post("/api/json", content=huge, headers=JSON_POST)

    assert accepted.status == 200
    assert accepted.json() == {"items": MAX_BODY // 8}
    assert refused.status == 413
    assert refused.json()["message"]
