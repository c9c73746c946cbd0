"""Fail fast at boot, naming the culprit: a missing or weak APP_KEY where encryption is needed,
a config value of the wrong type (naming its environment variable), APP_DEBUG=true in
production. tests/integration/test_startup_failure.py proves the same against real servers."""

from __future__ import annotations

import base64
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from orionis.config import ConfigError
from orionis.encryption import MissingKeyError, WeakKeyError, generate_key, parse_key
from orionis.foundation.application import Application
from orionis.foundation.enums.runtimes import Runtime
from orionis.foundation.errors import UnsafeEnvironmentError
from orionis.testing.project import isolated_process

RANDOM_KEY = "base64:Yv0Q3XkqS3Nm7m1c0j1pJbQ2r1mC9TtB2fQH5Yx8kq4="
# The key committed in the skeleton's .env.testing: public, so for APP_ENV=testing only.
PUBLISHED_KEY = "base64:HSvkquzkHTMQFwxSoptPhQTRoHJuxwJRvM7J9TKriRo="


def _key(raw: bytes) -> str:
    return "base64:" + base64.b64encode(raw).decode()


WEAK_KEYS = {
    "all-zero": (_key(bytes(32)), "only 1 distinct value"),
    "all-same": (_key(b"\x07" * 32), "only 1 distinct value"),
    "short-pattern": (_key(b"\x01\x02\x03\x04" * 8), "only 4 distinct values"),
    "passphrase": (_key(b"my super secret password is 1234"), "printable text"),
    "published": (PUBLISHED_KEY, "published in the skeleton's .env.testing"),
}


@pytest.mark.parametrize(("value", "reason"), WEAK_KEYS.values(), ids=WEAK_KEYS.keys())
def test_weak_keys_are_refused_with_the_reason_and_the_fix(value: str, reason: str) -> None:
    with pytest.raises(WeakKeyError) as caught:
        parse_key(value)

    message = str(caught.value)
    assert message.startswith("APP_KEY is weak: ")
    assert reason in message
    assert "Run `reactor key:generate`" in message
    assert value not in message


def test_the_published_key_is_accepted_for_testing_only() -> None:
    assert len(parse_key(PUBLISHED_KEY, testing=True)) == 32
    with pytest.raises(WeakKeyError):
        parse_key(_key(b"\x07" * 32), testing=True)  # testing excuses publication, not weakness


def test_generated_keys_are_never_called_weak() -> None:
    for _ in range(2000):
        parse_key(generate_key())


# ------------------------------------------------------------------------------- at boot

APP_CONFIG = """
    from orionis.config import env
    debug = env("APP_DEBUG", False)
    key = env("APP_KEY", "")
    previous_keys = [k for k in env("APP_PREVIOUS_KEYS", "").split(",") if k.strip()]
"""
WEB_GROUP = 'middleware_groups = {"web": ["cookies", "session"], "api": []}\n'
SESSION = """
    from orionis.config import env
    driver = "memory"
    lifetime = env("SESSION_LIFETIME", 120)
"""
HTTP_LIMITS = (
    "from orionis.config import env\n"
    'max_concurrent_requests = env("HTTP_MAX_CONCURRENT_REQUESTS", 0)\n'
)
ROUTES = 'from orionis.routing import Route\nRoute.get("/", lambda: "home")\n'


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A project folder; the process environment is put back after the test."""
    with isolated_process():
        yield tmp_path


def _application(root: Path, env: Mapping[str, str], http: str = WEB_GROUP) -> Application:
    files = {
        "config/app.py": APP_CONFIG,
        "config/http.py": http,
        "config/session.py": SESSION,
        "routes/web.py": ROUTES,
        ".env": "".join(f"{name}={value}\n" for name, value in env.items()),
    }
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    app = Application(base_path=root)
    app.with_routing(web="routes/web.py")
    return app


async def test_a_weak_key_stops_boot_when_cookies_need_it(project: Path) -> None:
    app = _application(project, {"APP_KEY": _key(b"\x07" * 32)})

    with pytest.raises(WeakKeyError, match=r"^APP_KEY is weak: its 32 bytes hold only 1"):
        await app.boot()
    assert not app.is_booted()


async def test_a_weak_previous_key_stops_boot_too(project: Path) -> None:
    # A previous key still decrypts cookies: a guessable one would let forged cookies in.
    env = {"APP_KEY": RANDOM_KEY, "APP_PREVIOUS_KEYS": _key(bytes(32))}
    app = _application(project, env)

    with pytest.raises(WeakKeyError, match=r"^APP_PREVIOUS_KEYS is weak"):
        await app.boot()


async def test_a_missing_key_stops_boot_when_cookies_need_it(project: Path) -> None:
    app = _application(project, {"APP_KEY": ""})

    with pytest.raises(MissingKeyError, match=r"^APP_KEY is not set"):
        await app.boot()


async def test_without_encrypting_middleware_no_key_is_needed(project: Path) -> None:
    app = _application(project, {"APP_KEY": ""}, http='middleware_groups = {"web": []}\n')

    await app.boot()

    assert app.is_booted()
    await app.shutdown()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"SESSION_LIFETIME": "abc"},
            "config/session.py: 'lifetime' must be int, got str 'abc'. Minutes of inactivity "
            "before expiry. It comes from SESSION_LIFETIME='abc' (the environment or .env): "
            "SESSION_LIFETIME must hold int.",
        ),
        (
            {"HTTP_MAX_CONCURRENT_REQUESTS": "lots"},
            "config/http.py: 'max_concurrent_requests' must be int, got str 'lots'. Requests in "
            "flight per worker before 503 (0 = no cap). It comes from "
            "HTTP_MAX_CONCURRENT_REQUESTS='lots' (the environment or .env): "
            "HTTP_MAX_CONCURRENT_REQUESTS must hold int.",
        ),
        (
            {"APP_DEBUG": "maybe"},
            "config/app.py: 'debug' must be bool, got str 'maybe'. Set APP_DEBUG to true or "
            "false. It comes from APP_DEBUG='maybe' (the environment or .env): APP_DEBUG must "
            "hold bool.",
        ),
    ],
    ids=["SESSION_LIFETIME", "HTTP_MAX_CONCURRENT_REQUESTS", "APP_DEBUG"],
)
def test_a_value_of_the_wrong_type_names_its_variable(
    project: Path, env: dict[str, str], expected: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        _application(project, {"APP_KEY": RANDOM_KEY, **env}, http=WEB_GROUP + HTTP_LIMITS)

    assert str(caught.value) == expected


def test_a_secret_of_the_wrong_type_is_not_shown(project: Path) -> None:
    # "12345678" is cast to an int by env(); the message must not repeat it.
    with pytest.raises(ConfigError) as caught:
        _application(project, {"APP_KEY": "12345678"})

    message = str(caught.value)
    assert "12345678" not in message
    assert "'key' must be str, got int (hidden)" in message
    assert "APP_KEY=(hidden)" in message


@pytest.mark.parametrize("env", [{"APP_ENV": "production"}, {}], ids=["explicit", "default"])
async def test_debug_in_production_is_refused_naming_both(
    project: Path, env: dict[str, str]
) -> None:
    app = _application(project, {"APP_KEY": RANDOM_KEY, "APP_DEBUG": "true", **env})

    with pytest.raises(UnsafeEnvironmentError) as caught:
        await app.boot(Runtime.HTTP)

    message = str(caught.value)
    assert "APP_DEBUG is true while APP_ENV is production" in message
    assert "Set APP_DEBUG=false for production" in message
    assert not app.is_booted()


async def test_debug_outside_production_and_console_commands_boot(project: Path) -> None:
    local = _application(project, {"APP_KEY": RANDOM_KEY, "APP_DEBUG": "true", "APP_ENV": "local"})
    await local.boot(Runtime.HTTP)
    assert local.is_booted()
    await local.shutdown()

    console = _application(project, {"APP_KEY": RANDOM_KEY, "APP_DEBUG": "true"})
    await console.boot(Runtime.CLI)  # the commands that fix the setup must still run
    assert console.is_booted()
    await console.shutdown()
