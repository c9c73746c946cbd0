"""``make serve`` serves the skeleton with Granian; real environment variables win over .env.

It runs in a copy of the repository: the Makefile writes .env when it is missing, and the
repository must not gain one. The copy's .venv points at this virtualenv's scripts, with an
install stamp newer than pyproject.toml, so make serves without reinstalling anything.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.support.servers import BIN, ROOT, free_port, running

# Everything of the repository the skeleton needs; the rest is left out to keep the copy small.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", ".env", "tests", "bench", "*.egg-info", "__pycache__", ".*_cache"
)

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None and os.environ.get("CI") != "true",
    reason="make is not installed",
)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    copy = tmp_path / "repository"
    # copytree keeps modification times: the stamp below stays newer than pyproject.toml.
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
    venv = copy / ".venv"
    venv.mkdir()
    (venv / "bin").symlink_to(BIN, target_is_directory=True)
    (venv / ".installed-stamp").touch()
    # Never let make reinstall: that would install the copy into this virtualenv.
    up_to_date = subprocess.run(["make", "-q", ".venv/.installed-stamp"], cwd=copy, check=False)
    assert up_to_date.returncode == 0, "make would reinstall the project; the stamp is stale"
    return copy


def test_make_serve_serves_the_skeleton(repository: Path, tmp_path: Path) -> None:
    had_env = (ROOT / ".env").exists()
    port = free_port()
    # A recursive make (pytest run by `make test`) must not pass its own flags on.
    env = {"GRANIAN_PORT": str(port), "APP_NAME": "Served By Make", "MAKEFLAGS": "", "MFLAGS": ""}
    log = tmp_path / "make-serve.log"
    command = ["make", "--no-print-directory", "serve"]

    with running(command, cwd=repository, log=log, port=port, env=env) as server:
        health = httpx.get(f"{server.url}/up", timeout=10)
        home = httpx.get(f"{server.url}/?name=Ada", timeout=10)

    assert (health.status_code, health.json()) == (200, {"status": "up"}), server.output()
    assert "Hello, Ada! Greetings from Served By Make." in home.text
    written = (repository / ".env").read_text().splitlines()
    example = (repository / ".env.example").read_text().splitlines()
    [key_line] = [line for line in written if line.startswith("APP_KEY=")]
    assert len(base64.b64decode(key_line.removeprefix("APP_KEY=base64:"))) == 32
    assert [line for line in written if line != key_line] == [
        line for line in example if not line.startswith("APP_KEY=")
    ]
    assert (ROOT / ".env").exists() == had_env
