"""Small Orionis projects written to a folder for a test: the layout of the skeleton, a few files.

Each project imports orionis from the virtualenv (installed in editable mode) and nothing else
from this repository, so a server started with the project as its working directory serves it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from pathlib import Path

from tests.support.servers import Server, free_port, running, server_command

__all__ = ["BOOTSTRAP_PACKAGE", "WEB_BOOTSTRAP", "Serve", "serve_project", "write_project"]

Serve = Callable[..., Server]
"""The ``serve`` fixture: ``serve(project, env={...}, wait=True) -> Server``."""

# What makes `bootstrap:app` resolve, as in the skeleton.
BOOTSTRAP_PACKAGE = {
    "bootstrap/__init__.py": "from bootstrap.app import app\n",
    "app/__init__.py": "",
}

# The smallest bootstrap/app.py: the application with routes/web.py (the `web` group).
WEB_BOOTSTRAP = {
    "bootstrap/app.py": """
        from pathlib import Path

        from orionis import Application

        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.with_routing(web="routes/web.py")
    """,
}


def write_project(root: Path, files: Mapping[str, str]) -> Path:
    """Write ``files`` (relative path -> source, dedented) under ``root``; return ``root``."""
    for relative, source in {**BOOTSTRAP_PACKAGE, **files}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip())
    return root


def serve_project(
    servers: ExitStack,
    kind: str,
    project: Path,
    *,
    env: Mapping[str, str] | None = None,
    wait: bool = True,
) -> Server:
    """Serve ``project``'s ``bootstrap:app`` with the server ``kind`` until ``servers`` closes;
    the output goes to ``server-<port>.log`` next to the project."""
    port = free_port()
    log = project.parent / f"server-{port}.log"
    command = server_command(kind, "bootstrap:app", port)
    return servers.enter_context(
        running(command, cwd=project, log=log, port=port, env=env, wait=wait)
    )
