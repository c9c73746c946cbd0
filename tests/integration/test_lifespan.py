"""STARTUP and SHUTDOWN callbacks run in registration order around the requests, under every
server, when the server starts and when it is stopped with SIGINT or SIGTERM."""

from __future__ import annotations

import signal
from pathlib import Path

import httpx
import pytest

from tests.integration.projects import Serve, write_project

JOURNAL_VARIABLE = "ORIONIS_TEST_JOURNAL"

PROJECT = {
    "app/journal.py": f"""
        import os


        class Journal:
            \"\"\"Appends lines to the file named by {JOURNAL_VARIABLE}.\"\"\"

            def __init__(self) -> None:
                self.path = os.environ["{JOURNAL_VARIABLE}"]

            def write(self, line: str) -> None:
                with open(self.path, "a") as journal:
                    journal.write(line + "\\n")
    """,
    "app/journal_provider.py": """
        from orionis import ServiceProvider

        from app.journal import Journal


        class JournalProvider(ServiceProvider):
            def register(self) -> None:
                self.app.singleton(Journal)
    """,
    "app/lifespan.py": """
        import asyncio

        from app.journal import Journal


        def configured_startup(journal: Journal) -> None:
            journal.write("startup: configured")


        def open_pool(journal: Journal) -> None:
            journal.write("startup: sync")


        async def warm_cache(journal: Journal) -> None:
            await asyncio.sleep(0)
            journal.write("startup: async")


        def http_only(journal: Journal) -> None:
            journal.write("startup: http only")


        def cli_only(journal: Journal) -> None:
            journal.write("startup: cli only")


        def configured_shutdown(journal: Journal) -> None:
            journal.write("shutdown: configured")


        async def drain(journal: Journal) -> None:
            await asyncio.sleep(0)
            journal.write("shutdown: async")


        def close_pool(journal: Journal) -> None:
            journal.write("shutdown: sync")


        def cli_shutdown(journal: Journal) -> None:
            journal.write("shutdown: cli only")
    """,
    "config/app.py": """
        from app.journal_provider import JournalProvider
        from app.lifespan import configured_shutdown, configured_startup

        providers = [JournalProvider]
        startup = [configured_startup]
        shutdown = [configured_shutdown]
    """,
    "bootstrap/app.py": """
        from pathlib import Path

        from orionis import Application
        from orionis.foundation.enums.lifespan import Lifespan
        from orionis.foundation.enums.runtimes import Runtime

        from app.lifespan import (
            cli_only,
            cli_shutdown,
            close_pool,
            drain,
            http_only,
            open_pool,
            warm_cache,
        )

        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.on(Lifespan.STARTUP, open_pool, warm_cache)
        app.on(Lifespan.STARTUP, cli_only, runtime=Runtime.CLI)
        app.on(Lifespan.STARTUP, http_only, runtime=Runtime.HTTP)
        app.on(Lifespan.SHUTDOWN, drain, close_pool)
        app.on(Lifespan.SHUTDOWN, cli_shutdown, runtime=Runtime.CLI)
        app.with_routing(web="routes/web.py")
    """,
    "routes/web.py": """
        from orionis.routing import Route

        from app.journal import Journal


        def ping(journal: Journal) -> str:
            journal.write("request: /ping")
            return "pong"


        Route.get("/ping", ping)
    """,
}

# Configured callbacks (config/app.py) first, then those of bootstrap/app.py, each list in the
# order written; the CLI-only callbacks never run under a server.
EXPECTED = [
    "startup: configured",
    "startup: sync",
    "startup: async",
    "startup: http only",
    "request: /ping",
    "shutdown: configured",
    "shutdown: async",
    "shutdown: sync",
]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_callbacks_run_in_order_around_the_requests(
    serve: Serve, tmp_path: Path, signum: signal.Signals
) -> None:
    journal = tmp_path / "journal.txt"
    project = write_project(tmp_path / "project", PROJECT)
    server = serve(project, env={JOURNAL_VARIABLE: str(journal)})

    response = httpx.get(f"{server.url}/ping", timeout=10)
    assert (response.status_code, response.text) == (200, "pong")
    server.signal(signum)
    status = server.wait_for_exit()

    assert journal.read_text().splitlines() == EXPECTED, server.output()
    # uvicorn re-raises the signal once it has shut down cleanly: killed by it, not failed.
    assert status in (0, -signum), server.output()
