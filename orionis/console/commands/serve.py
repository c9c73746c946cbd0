"""``reactor serve``: serve the application with Granian (RSGI by default, ASGI too)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import click

from orionis.config import load_environment
from orionis.console.command import Argument, Command, Option
from orionis.console.serving import (
    ServeOptions,
    plan_serve,
    raise_open_files_limit,
    run,
)
from orionis.foundation.application import Application
from orionis.foundation.preflight import check_http_environment

__all__ = ["Serve"]

_FILE = click.Path(dir_okay=False, path_type=Path)


class Serve(Command):
    """Starts Granian on ``bootstrap:app`` with production-safe defaults; see ``help``."""

    name = "serve"
    description = "Serve the application with Granian."
    help = (
        "Serve the application with Granian.\n\n"
        "Every option also reads its GRANIAN_* variable (from the environment or .env), e.g. "
        "GRANIAN_PORT; a flag wins. Options serve does not define (e.g. --log-level debug, "
        "or any after --) go to Granian unchanged. Defaults chosen by serve: --loop uvloop, "
        "--backpressure 8192 per worker (bounded by the open-files limit), "
        "--http1-header-read-timeout 5000, --workers-kill-timeout 30, and --reload when "
        "APP_ENV=local. Public files (storage/app/public) are served at /static, never "
        "dotfiles."
    )
    boots = False  # Granian boots the application in each worker.
    context_settings: ClassVar[Mapping[str, Any]] = {"ignore_unknown_options": True}
    arguments = [Argument("granian_args", nargs=-1, type=click.UNPROCESSED)]
    options = [
        Option("--host", help="Address to bind.  [env GRANIAN_HOST; default 127.0.0.1]"),
        Option("--port", type=int, help="Port to bind.  [env GRANIAN_PORT; default 8000]"),
        Option(
            "--interface",
            type=click.Choice(["rsgi", "asgi"]),
            help="Server interface.  [env GRANIAN_INTERFACE; default rsgi]",
        ),
        Option(
            "--workers",
            type=click.IntRange(1),
            help="Worker processes.  [env GRANIAN_WORKERS; default 1]",
        ),
        Option(
            "--http",
            type=click.Choice(["auto", "1", "2"]),
            help="HTTP version; 2 also speaks cleartext HTTP/2.  [env GRANIAN_HTTP; default auto]",
        ),
        Option(
            "--reload/--no-reload",
            default=None,
            help="Restart the workers when app/, config/, routes/, resources/ or .env change.  "
            "[env GRANIAN_RELOAD; default: on when APP_ENV=local]",
        ),
        Option("--ssl-certificate", type=_FILE, help="TLS certificate (PEM) to serve HTTPS."),
        Option("--ssl-keyfile", type=_FILE, help="TLS private key, PKCS#8 (BEGIN PRIVATE KEY)."),
        Option("--ssl-ca", type=_FILE, help="CA certificate that signs client certificates."),
        Option(
            "--ssl-client-verify/--no-ssl-client-verify",
            default=None,
            help="Refuse clients without a certificate signed by --ssl-ca (mTLS).",
        ),
        Option(
            "--static-path",
            type=click.Path(file_okay=False, path_type=Path),
            help="Folder of public files.  [env STATIC_PATH; default storage/app/public]",
        ),
        Option(
            "--static-route", help="URL of the public files.  [env STATIC_ROUTE; default /static]"
        ),
        Option(
            "--static-expires",
            type=click.IntRange(0),
            help="max-age of public files, seconds (0: none).  [env STATIC_EXPIRES; default 86400]",
        ),
    ]

    def handle(
        self,
        app: Application,
        granian_args: tuple[str, ...],
        host: str | None,
        port: int | None,
        interface: str | None,
        workers: int | None,
        http: str | None,
        reload: bool | None,
        ssl_certificate: Path | None,
        ssl_keyfile: Path | None,
        ssl_ca: Path | None,
        ssl_client_verify: bool | None,
        static_path: Path | None,
        static_route: str | None,
        static_expires: int | None,
    ) -> int:
        options = ServeOptions(
            host=host,
            port=port,
            interface=interface,
            workers=workers,
            http=http,
            reload=reload,
            ssl_certificate=ssl_certificate,
            ssl_keyfile=ssl_keyfile,
            ssl_ca=ssl_ca,
            ssl_client_verify=ssl_client_verify,
            static_path=static_path,
            static_route=static_route,
            static_expires=static_expires,
            granian_args=tuple(granian_args),
        )
        base_path = app.base_path()
        environment = load_environment(base_path, app.environment())
        # Refused here too, not only in each worker: Granian would print it once per worker.
        check_http_environment(app.config, app.environment())
        plan = plan_serve(
            options,
            base_path=base_path,
            environment=environment,
            open_files=raise_open_files_limit(),
        )
        for line in plan.summary():
            self.info(line)
        run(plan)
