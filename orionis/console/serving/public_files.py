"""`PublicFiles`: the application behind a folder of public files (``/static`` by default).

Granian's own ``--static-path-mount`` serves dotfiles inside the folder (measured with 2.8.7:
``/static/.env`` and ``/static/%2eenv`` answer 200), and the skeleton's folder holds a
``.gitignore``. So ``reactor serve`` mounts nothing in Granian: this wrapper decides per request,
with the rules of `find_in_folder`, and sends a servable file as a `FileResponse` (ETag,
conditional GET, a single byte range, HEAD), through Granian's native file sender (RSGI
``response_file`` / ``response_file_range``, ASGI ``http.response.pathsend``). Every other
request, including one for a dotfile, a path outside the folder or a missing file, goes to the
application unchanged, which answers it like any unknown URL (404). The checks run on every
request, so files added while the server runs are covered too.
"""

from __future__ import annotations

import json
import mimetypes
import os
from collections.abc import Awaitable, Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from orionis.console.serving.errors import ServeError
from orionis.console.serving.target import import_target
from orionis.http.asgi import send_asgi
from orionis.http.file_response import FileResponse, find_in_folder
from orionis.http.headers import Headers
from orionis.http.response import Response
from orionis.http.rsgi import write_rsgi

__all__ = ["HANDOFF_VARIABLE", "FileMatch", "PublicFiles", "from_environment", "handoff"]

HANDOFF_VARIABLE = "ORIONIS_SERVE_PUBLIC_FILES"
"""Carries the settings from ``reactor serve`` to the Granian workers (JSON)."""

_READ = frozenset({"GET", "HEAD"})

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class FileMatch(NamedTuple):
    """A servable file: its real path and the response headers."""

    path: str
    headers: list[tuple[str, str]]


class PublicFiles:
    """Serves the files of ``folder`` at ``route``; passes everything else to ``app``.

    Both interfaces: RSGI (``__rsgi__`` and the worker hooks) and ASGI (``__call__``,
    lifespan and WebSocket events pass through). A request is a file when it is a GET or HEAD
    under ``route/`` naming a regular file in ``folder`` whose path, symbolic links resolved,
    stays inside ``folder`` and has no segment starting with a dot (`find_in_folder`). It is
    answered like a `FileResponse` route: ETag and Last-Modified, 304 for a matching
    conditional GET, 206 for one byte range, 416 for a range past the end.
    """

    __slots__ = ("_prefix", "_root", "app", "cache_control", "folder")

    def __init__(
        self, app: Any, folder: Path, route: str = "/static", max_age: int = 86400
    ) -> None:
        self.app = app
        self.folder = Path(os.path.realpath(folder))
        self._root = str(self.folder) + os.sep
        self._prefix = route.rstrip("/") + "/"
        self.cache_control = f"max-age={max_age}" if max_age > 0 else None

    def find(self, path: str) -> FileMatch | None:
        """The file a (percent-decoded) request ``path`` names, or None when none is served."""
        if not path.startswith(self._prefix):
            return None
        real = find_in_folder(self._root, path[len(self._prefix) :])
        return None if real is None else FileMatch(real, self._headers(real))

    def respond(self, method: str, path: str, headers: Headers) -> Response | None:
        """The answer to a GET or HEAD of ``path`` (200, 206, 304, 416), or None when no file
        is served there."""
        match = self.find(path)
        if match is None:
            return None
        fields = dict(match.headers)
        try:
            # The type is already known (and cached): given, it is not guessed a second time.
            response = FileResponse(match.path, None, fields["content-type"], fields)
        except OSError:  # removed since it was found: the application's 404 answers
            return None
        return response.prepare_for(method, headers)

    # ----------------------------------------------------------------- RSGI
    def __rsgi_init__(self, loop: Any) -> None:
        init = getattr(self.app, "__rsgi_init__", None)
        if init is not None:
            init(loop)

    def __rsgi__(self, scope: Any, proto: Any) -> Awaitable[None]:
        # Returns the application's own awaitable: no extra coroutine for non-file requests.
        path = scope.path
        if path.startswith(self._prefix) and scope.proto == "http" and scope.method in _READ:
            response = self.respond(scope.method, path, Headers.from_raw(scope.headers))
            if response is not None:
                return _send_rsgi(proto, response)
        result: Awaitable[None] = self.app.__rsgi__(scope, proto)
        return result

    def __rsgi_del__(self, loop: Any) -> None:
        delete = getattr(self.app, "__rsgi_del__", None)
        if delete is not None:
            delete(loop)

    # ----------------------------------------------------------------- ASGI
    def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> Awaitable[None]:
        path = scope.get("path")
        if (
            path is not None
            and path.startswith(self._prefix)
            and scope["type"] == "http"
            and scope["method"] in _READ
        ):
            method, headers = scope["method"], Headers.from_raw(scope["headers"])
            response = self.respond(method, path, headers)
            if response is not None:
                # Whole files go out through http.response.pathsend when the server has it.
                return send_asgi(response, send, receive, scope)
        result: Awaitable[None] = self.app(scope, receive, send)
        return result

    def _headers(self, path: str) -> list[tuple[str, str]]:
        headers = [("content-type", _content_type(os.path.splitext(path)[1].lower()))]
        if self.cache_control is not None:
            headers.append(("cache-control", self.cache_control))
        return headers


def handoff(target: str, folder: Path, route: str, max_age: int) -> dict[str, str]:
    """The environment variable that makes `from_environment` build this wrapper."""
    settings = {"target": target, "folder": str(folder), "route": route, "max_age": max_age}
    return {HANDOFF_VARIABLE: json.dumps(settings)}


def from_environment() -> PublicFiles:
    """Granian's factory target (``--factory``): the application named by the handoff
    variable, wrapped. Runs in each worker, so the application is imported there."""
    raw = os.environ.get(HANDOFF_VARIABLE)
    if raw is None:
        raise ServeError(
            f"{__name__}:from_environment is the server target of `reactor serve`, which sets "
            f"{HANDOFF_VARIABLE}. Start the server with `reactor serve`, or serve bootstrap:app "
            "with Granian directly."
        )
    settings = json.loads(raw)
    app = import_target(str(settings["target"]))
    return PublicFiles(app, Path(settings["folder"]), settings["route"], int(settings["max_age"]))


@lru_cache(maxsize=256)
def _content_type(suffix: str) -> str:
    guessed, _ = mimetypes.guess_type(f"file{suffix}")
    return guessed or "application/octet-stream"


async def _send_rsgi(proto: Any, response: Response) -> None:
    pending = write_rsgi(response, proto)
    if pending is not None:
        await pending
