"""No pickle in any decode path: sessions and cookies hold JSON only.

The framework's source imports none of the modules that turn bytes into live objects, and a
pickle whose loading would create a marker file, planted where a session is read from (a
session file, a Redis hash or key, a cookie sealed with the real key), is never executed: the
client gets a new, empty session and a 200.
"""

from __future__ import annotations

import ast
import pickle
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as redis

import orionis
from orionis.encryption import Encrypter
from tests.security.web_app import (
    CALLS,
    KEY,
    SESSION_COOKIE,
    set_cookies_of,
    web_app,
    write_web_project,
)
from tests.support.redis_server import prefix, redis_url

__all__ = ["prefix", "redis_url"]  # fixtures of the redis cases

# Modules that rebuild arbitrary objects (and so can run code) from bytes.
UNSAFE_MODULES = frozenset(
    {"pickle", "_pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle"}
)
SESSION_ID = "P" * 40
ENCRYPTER = Encrypter.from_config(KEY)


def unsafe_imports(source: str) -> list[str]:
    """The modules of UNSAFE_MODULES that ``source`` imports (statement or ``__import__``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
            "__import__",
            "import_module",
        }:
            names = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
        else:
            continue
        found += [name for name in names if str(name).split(".")[0] in UNSAFE_MODULES]
    return found


def test_the_scanner_finds_each_way_of_importing() -> None:
    source = "import pickle\nfrom marshal import loads\nimport shelve as s\n__import__('dill')\n"
    assert unsafe_imports(source) == ["pickle", "marshal", "shelve", "dill"]


def test_no_framework_module_imports_a_deserializer_of_objects() -> None:
    package = Path(orionis.__file__).parent
    offenders = {
        str(path.relative_to(package)): found
        for path in sorted(package.rglob("*.py"))
        if (found := unsafe_imports(path.read_text()))
    }
    assert offenders == {}


class _Payload:
    """Pickles to ``open(marker, "w")``: loading it creates the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def _ran(marker: Path) -> bool:
    """Whether the planted pickle was loaded (its marker file exists)."""
    return marker.exists()


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "pwned"


@pytest.fixture
def payload(marker: Path) -> bytes:
    """The malicious pickle, proven live: loading it does create the marker."""
    data = pickle.dumps(_Payload(marker))
    pickle.loads(data).close()  # the point: show that this payload does run when unpickled
    assert marker.exists()
    marker.unlink()
    return data


@pytest.fixture(params=sorted(CALLS))
def kernel(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def _open(kernel: str, root: Path, cookie: str) -> tuple[int, dict[str, Any]]:
    """Boot the project at ``root`` and send ``cookie`` as the session cookie."""
    with web_app(root) as app:
        await app.boot()
        try:
            result = await CALLS[kernel](
                app, "GET", "/echo", headers={"cookie": f"{SESSION_COOKIE}={cookie}"}
            )
        finally:
            await app.shutdown()
    return result.status, (result.json() if result.status == 200 else {})


def _sealed_id(session_id: str) -> str:
    """The session cookie of a server-side driver: the id, sealed by the cookies middleware."""
    return ENCRYPTER.encrypt_string(session_id, context=SESSION_COOKIE)


async def test_a_pickled_session_file_is_not_loaded(
    kernel: str, tmp_path: Path, payload: bytes, marker: Path
) -> None:
    root = write_web_project(tmp_path / "project", session='driver = "file"\n')
    sessions = root / "storage" / "framework" / "sessions"
    sessions.mkdir(parents=True)
    (sessions / SESSION_ID).write_bytes(payload)
    status, seen = await _open(kernel, root, _sealed_id(SESSION_ID))
    assert status == 200
    assert seen["session"] == {} and seen["id"] != SESSION_ID
    assert not _ran(marker)


@pytest.mark.parametrize("planted_as", ["hash field", "string key"])
async def test_a_pickled_redis_session_is_not_loaded(
    kernel: str,
    tmp_path: Path,
    payload: bytes,
    marker: Path,
    redis_url: str,
    prefix: str,
    planted_as: str,
) -> None:
    client = redis.Redis.from_url(redis_url)
    try:
        if planted_as == "hash field":
            await client.hset(prefix + SESSION_ID, mapping={"__alive__": b"1", "user": payload})
        else:
            await client.set(prefix + SESSION_ID, payload)
        await client.expire(prefix + SESSION_ID, 60)
        session = f'driver = "redis"\nredis_url = "{redis_url}"\nprefix = "{prefix}"\n'
        root = write_web_project(tmp_path / "project", session=session)
        status, seen = await _open(kernel, root, _sealed_id(SESSION_ID))
    finally:
        await client.delete(prefix + SESSION_ID)
        await client.aclose()
    assert status == 200
    assert seen["session"] == {} and seen["id"] != SESSION_ID
    assert not _ran(marker)


async def test_a_pickle_sealed_with_the_real_key_in_the_cookie_driver_is_not_loaded(
    kernel: str, tmp_path: Path, payload: bytes, marker: Path
) -> None:
    # Even a client holding APP_KEY gets JSON decoding only, never unpickling.
    root = write_web_project(tmp_path / "project", session='driver = "cookie"\n')
    sealed = ENCRYPTER.encrypt_bytes(payload, context=SESSION_COOKIE)  # the driver's own seal
    status, seen = await _open(kernel, root, sealed)
    assert status == 200
    assert seen["session"] == {}
    assert not _ran(marker)


async def test_a_pickle_sealed_as_an_app_cookie_stays_inert(
    kernel: str, tmp_path: Path, payload: bytes, marker: Path
) -> None:
    root = write_web_project(tmp_path / "project")
    flavour = ENCRYPTER.encrypt_bytes(payload, context="flavour")
    with web_app(root) as app:
        await app.boot()
        try:
            result = await CALLS[kernel](
                app, "GET", "/echo", headers={"cookie": f"flavour={flavour}"}
            )
        finally:
            await app.shutdown()
    assert result.status == 200
    assert result.json()["flavour"] is None  # pickles are not UTF-8 text: dropped
    assert not _ran(marker)
    assert set_cookies_of(result)  # the request did run through the whole web stack
