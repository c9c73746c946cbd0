"""``key:generate``: a fresh APP_KEY in .env, never replacing one silently."""

from __future__ import annotations

import base64
import re

from orionis.console.commands.key_generate import generate_key, with_key
from tests.console.conftest import Project

KEY = re.compile(r"base64:([A-Za-z0-9+/=]+)")


def _decoded(key: str) -> bytes:
    match = KEY.fullmatch(key)
    assert match is not None, key
    return base64.b64decode(match[1])


def test_generated_keys_are_32_random_bytes() -> None:
    first, second = generate_key(), generate_key()

    assert len(_decoded(first)) == len(_decoded(second)) == 32
    assert first != second


def test_key_generate_replaces_an_empty_key_line_in_place(project: Project) -> None:
    project.write(".env", "APP_NAME=Shop\nAPP_KEY=\nAPP_DEBUG=true\n")

    result = project.run("key:generate")

    assert result.code == 0, result.err
    assert result.out == "APP_KEY set in .env.\n"
    name, key_line, debug = project.read(".env").splitlines()
    assert (name, debug) == ("APP_NAME=Shop", "APP_DEBUG=true")
    assert len(_decoded(key_line.removeprefix("APP_KEY="))) == 32


def test_key_generate_appends_a_missing_key_line(project: Project) -> None:
    project.write(".env", "APP_NAME=Shop")

    assert project.run("key:generate").code == 0

    lines = project.read(".env").splitlines()
    assert lines[0] == "APP_NAME=Shop"
    assert lines[1].startswith("APP_KEY=base64:")


def test_key_generate_creates_a_missing_env_file(project: Project) -> None:
    assert project.run("key:generate").code == 0

    assert KEY.fullmatch(project.read(".env").strip().removeprefix("APP_KEY="))


def test_key_generate_refuses_to_replace_a_key_without_force(project: Project) -> None:
    project.write(".env", "APP_KEY=base64:b2xk\n")

    refused = project.run("key:generate")

    assert refused.code == 1
    assert refused.err == (
        "Error: APP_KEY is already set in .env. Pass --force to replace it: what was signed "
        "or encrypted with the old key (sessions, cookies) can no longer be read.\n"
    )
    assert project.read(".env") == "APP_KEY=base64:b2xk\n"


def test_key_generate_force_replaces_the_key(project: Project) -> None:
    project.write(".env", "export APP_KEY='base64:b2xk'\nAPP_NAME=Shop\n")

    assert project.run("key:generate", "--force").code == 0

    key_line, name = project.read(".env").splitlines()
    assert key_line.startswith("export APP_KEY=base64:") and "b2xk" not in key_line
    assert name == "APP_NAME=Shop"


def test_key_generate_show_prints_a_key_and_changes_nothing(project: Project) -> None:
    project.write(".env", "APP_KEY=base64:b2xk\n")

    result = project.run("key:generate", "--show")

    assert result.code == 0
    assert len(_decoded(result.out.strip())) == 32
    assert project.read(".env") == "APP_KEY=base64:b2xk\n"


def test_with_key_replaces_every_key_line_and_keeps_the_rest() -> None:
    text = "# keys\nAPP_KEY=one\nOTHER_APP_KEY=keep\n  APP_KEY = two\n"

    assert with_key(text, "new") == "# keys\nAPP_KEY=new\nOTHER_APP_KEY=keep\n  APP_KEY=new\n"
