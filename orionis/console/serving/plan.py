"""`plan_serve`: the Granian command line serving the application, decided before it starts.

Granian's own click command parses the result, with its ``GRANIAN_*`` variables: the options
keep Granian's exact meaning, and a default below applies only where neither a flag, an
option after ``serve`` nor a variable (real or from ``.env``) set the value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from orionis.console.serving.errors import ServeError
from orionis.console.serving.limits import backpressure
from orionis.console.serving.options import ServeOptions, granian_args
from orionis.console.serving.public_files import handoff
from orionis.console.serving.static import StaticFiles, static_files
from orionis.console.serving.target import TARGET_VARIABLE
from orionis.console.serving.tls import check_tls_options
from orionis.http.boot_failure import RELOADING_VARIABLE

__all__ = [
    "CLEARTEXT_HTTP",
    "HEADER_READ_TIMEOUT_MS",
    "LOOP",
    "TARGET",
    "WATCHED",
    "WORKERS_KILL_TIMEOUT",
    "ServePlan",
    "plan_serve",
]

TARGET = "bootstrap:app"
_WRAPPED_TARGET = "orionis.console.serving.public_files:from_environment"
_RELOADING_TARGET = "orionis.console.serving.target:from_environment"

LOOP = "uvloop"
"""Named, because with ``--loop auto`` the loop silently changes with what is installed."""

HEADER_READ_TIMEOUT_MS = 5_000
"""Bounds slow request heads and, measured, also closes idle keep-alive connections (HTTP/1
and ``--http auto``); Granian's own default is 30 s. 5 s is uvicorn's keep-alive default.
Measured with 100 attacker sockets (tests/security/test_slow_clients.py): sockets stalled
inside the request head are closed at 5.0 s, and a fresh client is answered at once."""

CLEARTEXT_HTTP = "1"
"""``--http`` without TLS. Measured (Granian 2.8.7): with ``--http auto`` or ``2`` a socket
that never sends a byte is never closed (it waits for bytes to pick the protocol; no timeout
applies), so silent sockets pile up against ``--backpressure``; with ``--http 1`` the header
read timeout closes them at 5.0 s. Browsers speak HTTP/2 over TLS only, so cleartext loses
only HTTP/2 with prior knowledge (ask for it with ``--http 2`` or ``auto``). With TLS the
default stays ``auto``: ALPN offers HTTP/2."""

WORKERS_KILL_TIMEOUT = 30
"""Seconds SIGTERM waits for in-flight requests (then SHUTDOWN callbacks) before a worker is
killed; without it Granian waits forever for a hung worker. Matches Kubernetes' 30 s grace."""

WATCHED = ("app", "bootstrap", "config", "routes", "resources", ".env")
"""What ``--reload`` watches, relative to the project (those that exist)."""

_INTERFACES = ("rsgi", "asgi", "asginl")


@dataclass(frozen=True, slots=True)
class ServePlan:
    """How the server starts: Granian's arguments, the variables it needs and what it serves."""

    argv: tuple[str, ...]
    url: str
    settings: Mapping[str, Any]
    """Granian's parsed options (``host``, ``workers``, ``reload``...), as Granian sees them."""
    static: StaticFiles | None = None
    env: Mapping[str, str] = field(default_factory=dict)

    def summary(self) -> list[str]:
        """The lines ``reactor serve`` prints before Granian starts."""
        settings = self.settings
        workers = settings["workers"]
        lines = [
            f"Serving {TARGET} on {self.url} ({_text(settings['interface'])}, "
            f"HTTP {_text(settings['http'])}, {workers} worker{'s' if workers > 1 else ''}, "
            f"reload {'on' if settings['reload'] else 'off'})"
        ]
        if self.static is not None:
            lines.append(f"Static files: {self.static.route}/ -> {self.static.folder}")
        return lines


def plan_serve(
    options: ServeOptions, *, base_path: Path, environment: str, open_files: int
) -> ServePlan:
    """The plan for ``options`` in the project at ``base_path`` (``.env`` already loaded into
    ``os.environ``: Granian's parser reads its variables there). Raises `ServeError`."""
    given = granian_args(options)
    asked = _parse([*given, TARGET])
    _check(asked.params)
    static = static_files(options, base_path)
    argv = [*given, *_defaults(asked, open_files), *_reload(asked, base_path, environment)]
    reloads = _reloads(asked, environment)
    env = handoff(TARGET, static.folder, static.route, static.max_age) if static else {}
    if static is not None:
        argv += ["--factory", _WRAPPED_TARGET]
    elif reloads:
        argv += ["--factory", _RELOADING_TARGET]
    else:
        argv += [TARGET]
    if reloads:
        # A worker whose import or boot fails then stays up and shows the error
        # (serving/target.py, http/boot_failure.py) instead of leaving no worker.
        env = {**env, RELOADING_VARIABLE: "1", TARGET_VARIABLE: TARGET}
    settings = _parse(argv).params
    return ServePlan(tuple(argv), _url(settings), settings, static, env)


def _parse(argv: Sequence[str]) -> click.Context:
    # Imported here: granian.cli takes ~0.2 s to import, and every reactor command loads serve.
    from granian.cli import cli

    try:
        context: click.Context = cli.make_context(
            "granian", list(argv), auto_envvar_prefix="GRANIAN"
        )
    except click.ClickException as error:
        raise ServeError(
            f"Granian refuses the server settings: {error.format_message()}"
            f"{_variable_hint(error)} They come from the options of reactor serve and the "
            "GRANIAN_* variables (the environment and .env)."
        ) from None
    return context


def _variable_hint(error: click.ClickException) -> str:
    # Click names the option even when the bad value came from its variable: name that too.
    param: click.Parameter | None = getattr(error, "param", None)
    ctx: click.Context | None = getattr(error, "ctx", None)
    if param is None or not param.name or ctx is None:
        return ""
    name = f"GRANIAN_{param.name.upper()}"
    if name not in os.environ:
        return ""
    if ctx.get_parameter_source(param.name) not in (None, ParameterSource.ENVIRONMENT):
        return ""
    return f" The value comes from {name}={os.environ[name]!r}."


def _check(settings: Mapping[str, Any]) -> None:
    interface = _text(settings["interface"])
    if interface not in _INTERFACES:
        raise ServeError(
            f"Orionis applications speak RSGI and ASGI, not {interface!r} (--interface or "
            "GRANIAN_INTERFACE). Use rsgi (the default, fastest) or asgi."
        )
    check_tls_options(
        settings["ssl_certificate"],
        settings["ssl_keyfile"],
        settings["ssl_ca"],
        bool(settings["ssl_client_verify"]),
    )


def _defaults(asked: click.Context, open_files: int) -> list[str]:
    """The production defaults of ``serve``, for the options nobody set."""
    chosen = {
        "loop": ("--loop", LOOP),
        "http": ("--http", CLEARTEXT_HTTP),
        "backpressure": ("--backpressure", str(backpressure(open_files))),
        "http1_header_read_timeout": ("--http1-header-read-timeout", str(HEADER_READ_TIMEOUT_MS)),
        "workers_kill_timeout": ("--workers-kill-timeout", str(WORKERS_KILL_TIMEOUT)),
    }
    if asked.params["ssl_certificate"]:
        del chosen["http"]  # auto: HTTP/2 through ALPN
    return [arg for name, args in chosen.items() if _unset(asked, name) for arg in args]


def _reloads(asked: click.Context, environment: str) -> bool:
    """Whether the server reloads: where APP_ENV is local, unless set."""
    return environment == "local" if _unset(asked, "reload") else bool(asked.params["reload"])


def _reload(asked: click.Context, base_path: Path, environment: str) -> list[str]:
    """``--reload`` where APP_ENV is local (unless set), what it watches (unless set), and
    that a worker failing to start does not end the server (unless set)."""
    if not _reloads(asked, environment):
        return []
    args = ["--reload"] if _unset(asked, "reload") else []
    if _unset(asked, "reload_ignore_worker_failure"):
        # Measured: without it, one edit that breaks the application (a syntax error, a
        # provider that raises) stops the whole server; with it, the error is printed and the
        # next edit is served.
        args.append("--reload-ignore-worker-failure")
    if _unset(asked, "reload_paths"):
        for name in (*WATCHED, f".env.{environment}"):
            if (base_path / name).exists():
                args += ["--reload-paths", str(base_path / name)]
    return args


def _unset(context: click.Context, name: str) -> bool:
    return context.get_parameter_source(name) in (None, ParameterSource.DEFAULT)


def _url(settings: Mapping[str, Any]) -> str:
    scheme = "https" if settings["ssl_certificate"] else "http"
    if settings["uds"]:
        return f"{scheme}+unix://{settings['uds']}"
    host = str(settings["host"])
    return f"{scheme}://{f'[{host}]' if ':' in host else host}:{settings['port']}"


def _text(value: Any) -> str:
    return str(value.value if isinstance(value, Enum) else value)
