"""A real browser on the skeleton: headless Chromium submits the contact form served by Granian,
first invalid (errors and old input come back), then valid (a flash message after redirect)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.sync.client import connect

from tests.integration.chromium import FLAGS, Page, chromium_binary, page_socket
from tests.integration.conftest import SKELETON_ENV
from tests.support.servers import ROOT, free_port, running, server_command


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The skeleton served by Granian (RSGI)."""
    log = tmp_path_factory.mktemp("granian") / "server.log"
    port = free_port()
    command = server_command("granian-rsgi", "bootstrap:app", port)
    with running(command, cwd=ROOT, log=log, port=port, env=SKELETON_ENV) as server:
        yield server.url


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Page]:
    """A tab of a fresh headless Chromium (its own profile), closed after the test."""
    binary = chromium_binary()
    port = free_port()
    command = [
        binary,
        *FLAGS,
        f"--remote-debugging-port={port}",
        f"--user-data-dir={tmp_path / 'profile'}",
        "about:blank",
    ]
    log = tmp_path / "chromium.log"
    with (
        running(command, cwd=tmp_path, log=log, port=port),
        connect(page_socket(port), max_size=None) as socket,
    ):
        yield Page(socket)


def text(page: Page, selector: str) -> str | None:
    value = page.evaluate(f"(document.querySelector({selector!r}) || {{}}).textContent || null")
    return None if value is None else str(value).strip()


def test_the_contact_form_shows_errors_then_the_flash_message(site: str, page: Page) -> None:
    page.navigate(f"{site}/contact")
    assert page.evaluate("document.title") == "Contact"

    page.submit({"name": "Ada", "email": "not-an-email", "message": "Hi"})
    assert page.evaluate("location.pathname") == "/contact"
    assert text(page, "#error-email") == "The email field must be a valid email address."
    assert text(page, "#error-message") == "Please write at least 10 characters."
    assert text(page, "#error-name") is None
    assert page.evaluate("document.querySelector('[name=name]').value") == "Ada"

    page.submit({"name": "Ada", "email": "ada@example.com", "message": "Hello from Chromium"})
    assert page.evaluate("location.pathname") == "/contact"
    assert text(page, "#status") == "Thank you, Ada: your message was sent."
    assert text(page, "#error-email") is None

    page.navigate(f"{site}/contact")
    assert text(page, "#status") is None
