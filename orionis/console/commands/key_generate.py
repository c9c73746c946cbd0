"""``key:generate``: a fresh APP_KEY in .env."""

from __future__ import annotations

import base64
import io
import re
import secrets

from dotenv import dotenv_values

from orionis.console.command import Command, Option
from orionis.foundation.application import Application

__all__ = ["KeyGenerate", "generate_key"]

_KEY_LINE = re.compile(r"^([ \t]*(?:export[ \t]+)?)APP_KEY[ \t]*=.*$", re.MULTILINE)


def generate_key() -> str:
    """``base64:`` followed by 32 random bytes, base64-encoded."""
    return "base64:" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


class KeyGenerate(Command):
    """``reactor key:generate [--show] [--force]``."""

    name = "key:generate"
    description = "Set APP_KEY in .env to a fresh random key."
    boots = False
    options = [
        Option("--show", is_flag=True, help="Only print a new key; change nothing."),
        Option("--force", "-f", is_flag=True, help="Replace a key that is already set."),
    ]

    def handle(self, show: bool, force: bool, app: Application) -> None:
        key = generate_key()
        if show:
            self.line(key)
            return
        path = app.base_path(".env")
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if dotenv_values(stream=io.StringIO(text)).get("APP_KEY") and not force:
            self.fail(
                "APP_KEY is already set in .env. Pass --force to replace it: what was signed "
                "or encrypted with the old key (sessions, cookies) can no longer be read."
            )
        path.write_text(with_key(text, key), encoding="utf-8")
        self.info(f"APP_KEY set in {path.name}.")


def with_key(text: str, key: str) -> str:
    """``text`` (a .env file) with its APP_KEY line set to ``key``, appended when missing."""
    if _KEY_LINE.search(text):
        return _KEY_LINE.sub(lambda match: f"{match.group(1)}APP_KEY={key}", text)
    separator = "" if not text or text.endswith("\n") else "\n"
    return f"{text}{separator}APP_KEY={key}\n"
