"""`ServeOptions`: what the ``reactor serve`` command line asked for, before any defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["ServeOptions", "granian_args"]


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """The options of ``reactor serve``; None means "not given" (the environment decides).

    ``granian_args`` are the options after ``serve`` that ``serve`` does not define; they go
    to Granian unchanged, after the ones ``serve`` builds (so they win over its defaults).
    """

    host: str | None = None
    port: int | None = None
    interface: str | None = None
    workers: int | None = None
    http: str | None = None
    reload: bool | None = None
    ssl_certificate: Path | None = None
    ssl_keyfile: Path | None = None
    ssl_ca: Path | None = None
    ssl_client_verify: bool | None = None
    static_path: Path | None = None
    static_route: str | None = None
    static_expires: int | None = None
    granian_args: tuple[str, ...] = ()


def granian_args(options: ServeOptions) -> list[str]:
    """The Granian options ``options`` gives (same names as Granian's), then the forwarded ones."""
    args: list[str] = []
    valued = {
        "--host": options.host,
        "--port": options.port,
        "--interface": options.interface,
        "--workers": options.workers,
        "--http": options.http,
        "--ssl-certificate": options.ssl_certificate,
        "--ssl-keyfile": options.ssl_keyfile,
        "--ssl-ca": options.ssl_ca,
    }
    for flag, value in valued.items():
        if value is not None:
            args += [flag, str(value)]
    switches = {
        ("--reload", "--no-reload"): options.reload,
        ("--ssl-client-verify", "--no-ssl-client-verify"): options.ssl_client_verify,
    }
    for (on, off), switch in switches.items():
        if switch is not None:
            args.append(on if switch else off)
    return [*args, *options.granian_args]
