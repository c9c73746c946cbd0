"""`StaticFiles`: which folder ``reactor serve`` serves at which route, from flags or env."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from orionis.console.serving.errors import ServeError
from orionis.console.serving.options import ServeOptions

__all__ = ["DEFAULT_EXPIRES", "DEFAULT_PATH", "DEFAULT_ROUTE", "StaticFiles", "static_files"]

DEFAULT_PATH = "storage/app/public"
DEFAULT_ROUTE = "/static"
DEFAULT_EXPIRES = 86400
"""Seconds in ``cache-control: max-age``, as Granian's own static files (0 sends none)."""


@dataclass(frozen=True, slots=True)
class StaticFiles:
    """The public folder (absolute), its URL route and the cache lifetime of its files."""

    folder: Path
    route: str
    max_age: int


def static_files(
    options: ServeOptions, base_path: Path, environ: Mapping[str, str] = os.environ
) -> StaticFiles | None:
    """The public files to serve: flag, else ``STATIC_PATH`` / ``STATIC_ROUTE`` /
    ``STATIC_EXPIRES``, else the defaults. None when the default folder does not exist; a
    folder that was asked for and is missing is an error."""
    asked = options.static_path or environ.get("STATIC_PATH") or None
    folder = base_path / (asked or DEFAULT_PATH)
    if not folder.is_dir():
        if asked is None:
            return None
        raise ServeError(
            f"The static files folder {folder} does not exist (from --static-path or "
            "STATIC_PATH). Create it, or point --static-path at an existing folder."
        )
    route = _route(options.static_route or environ.get("STATIC_ROUTE") or DEFAULT_ROUTE)
    return StaticFiles(folder.resolve(), route, _expires(options, environ))


def _route(route: str) -> str:
    cleaned = route.rstrip("/")
    segments = cleaned.split("/")[1:]
    if not cleaned.startswith("/") or not all(s and not s.startswith(".") for s in segments):
        raise ServeError(
            f"The static files route {route!r} (from --static-route or STATIC_ROUTE) is not a "
            "URL path below the root. Use a path like /static or /assets/public."
        )
    return cleaned


def _expires(options: ServeOptions, environ: Mapping[str, str]) -> int:
    if options.static_expires is not None:
        return options.static_expires
    raw = environ.get("STATIC_EXPIRES") or str(DEFAULT_EXPIRES)
    if not raw.isdigit():
        raise ServeError(
            f"STATIC_EXPIRES is {raw!r}; it must be a number of seconds (0 for no caching)."
        )
    return int(raw)
