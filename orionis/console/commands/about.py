"""``about``: versions, environment, paths and providers of the application."""

from __future__ import annotations

import json
import platform
from dataclasses import asdict, dataclass
from importlib import metadata

from orionis.console.command import Command, Option
from orionis.foundation.application import Application

__all__ = ["About", "Facts", "gather"]

_PACKAGES = {
    "Orionis": "orionis",
    "Granian": "granian",
    "dependency-injector": "dependency-injector",
}


@dataclass(frozen=True, slots=True)
class Facts:
    """What ``about`` shows: labelled values, folders and provider classes."""

    environment: dict[str, str]
    paths: dict[str, str]
    providers: list[str]


class About(Command):
    """``reactor about [--json]``."""

    name = "about"
    description = "Show versions, environment, URL, paths and providers of the application."
    # What it shows is known before boot; it helps most when boot fails.
    boots = False
    options = [Option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")]

    def handle(self, as_json: bool, app: Application) -> None:
        facts = gather(app)
        if as_json:
            self.line(json.dumps(asdict(facts), indent=2))
            return
        self.definitions("Environment", facts.environment.items())
        self.line()
        self.definitions("Paths", facts.paths.items())
        self.line()
        self.definitions("Providers", ((name, "") for name in facts.providers))


def gather(app: Application) -> Facts:
    """The facts ``about`` shows, as plain data."""
    config = app.config
    environment = {
        "Application name": str(config.get("app.name", "")),
        **{name: _version(package) for name, package in _PACKAGES.items()},
        "Python": platform.python_version(),
        "Environment": str(app.environment()),
        "Debug": "enabled" if config.get("app.debug") else "disabled",
        "URL": str(config.get("app.url", "")),
    }
    folders = ("app", "bootstrap", "config", "routes", "resources", "storage")
    paths = {"Base": str(app.base_path())}
    paths.update({folder.capitalize(): str(app.base_path(folder)) for folder in folders})
    providers = [f"{type(p).__module__}.{type(p).__qualname__}" for p in app.providers]
    return Facts(environment, paths, providers)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"
