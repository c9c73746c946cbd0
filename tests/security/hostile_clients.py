"""The project the slow-client, isolation, disconnect and shutdown tests serve with
``reactor serve``: a scoped per-request tag, a slow handler whose ``finally`` writes to a
journal, a concurrency-capped route, and lifespan callbacks writing to the same journal."""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import ExitStack, asynccontextmanager
from pathlib import Path

from orionis.foundation.application import Application
from orionis.foundation.enums.runtimes import Runtime
from orionis.testing.project import create_application, isolated_process
from tests.integration.projects import write_project
from tests.integration.serve.reactor import Reactor, reactor_in
from tests.support.project_modules import own_project_modules

__all__ = [
    "BODY_READ_TIMEOUT",
    "JOURNAL_VARIABLE",
    "booted_hostile_app",
    "journal_lines",
    "reactors",
    "wait_for",
    "write_hostile_project",
]

JOURNAL_VARIABLE = "ORIONIS_TEST_JOURNAL"
BODY_READ_TIMEOUT = 2  # seconds, http.body_read_timeout of the project

FILES = {
    "app/journal.py": f"""
        import os


        def write(line: str) -> None:
            path = os.environ.get("{JOURNAL_VARIABLE}")
            if path:
                with open(path, "a") as journal:
                    journal.write(f"{{os.getpid()}} {{line}}\\n")
    """,
    "app/tag.py": """
        class RequestTag:
            \"\"\"Scoped: one per request, carrying the id the client sent.\"\"\"

            def __init__(self) -> None:
                self.value = ""
    """,
    "app/tag_provider.py": """
        from orionis import ServiceProvider

        from app.tag import RequestTag


        class TagProvider(ServiceProvider):
            def register(self) -> None:
                self.app.scoped(RequestTag)
    """,
    "app/tag_middleware.py": """
        import asyncio
        import random

        from app.tag import RequestTag


        class TagRequest:
            \"\"\"Writes the client's id into the request's tag, then yields to other requests
            before and after the handler, checking the tag is still its own.\"\"\"

            def __init__(self, tag: RequestTag) -> None:
                self.tag = tag

            async def handle(self, request, next):
                sent = request.query.get("id", "")
                self.tag.value = sent
                await asyncio.sleep(random.uniform(0, 0.005))
                response = await next(request)
                if self.tag.value != sent:
                    response.headers["x-mixed"] = self.tag.value
                return response
    """,
    "app/controllers.py": """
        import asyncio
        import random

        from orionis.http import Request, StreamingResponse
        from orionis.http.middleware.concurrency import ConcurrencyGates

        from app.journal import write
        from app.tag import RequestTag


        class TagController:
            def __init__(self, tag: RequestTag) -> None:
                self.tag = tag

            async def show(self, tag: RequestTag) -> dict[str, str]:
                await asyncio.sleep(random.uniform(0, 0.005))
                return {"constructor": self.tag.value, "action": tag.value}


        async def hold(request: Request) -> str:
            write("hold: started")
            try:
                await asyncio.sleep(float(request.query.get("seconds", "3")))
                write("hold: finished")
                return "held"
            finally:
                write("hold: finally")


        def in_flight(gates: ConcurrencyGates) -> dict[str, int]:
            return {"hold": gates.in_flight("hold")}


        async def slow() -> str:
            write("slow: started")
            await asyncio.sleep(3)
            write("slow: finished")
            return "slow done"


        def greeting() -> str:
            return "hello"


        async def upload(request: Request) -> str:
            return str(len(await request.body()))


        def ticks() -> StreamingResponse:
            async def generate():
                try:
                    for number in range(100):
                        yield f"tick {number}\\n"
                        await asyncio.sleep(0.1)
                finally:
                    write("ticks: finally")

            return StreamingResponse(generate(), media_type="text/plain")
    """,
    "app/lifespan.py": """
        from app.journal import write


        def opened() -> None:
            write("startup")


        async def closed() -> None:
            write("shutdown")
    """,
    "config/app.py": """
        from app.tag_provider import TagProvider

        providers = [TagProvider]
    """,
    "config/http.py": f"""
        from orionis.config import env

        body_read_timeout = {BODY_READ_TIMEOUT}
        cancel_on_disconnect = env("HTTP_CANCEL_ON_DISCONNECT", False)
    """,
    "bootstrap/app.py": """
        from pathlib import Path

        from orionis import Application
        from orionis.foundation.enums.lifespan import Lifespan

        from app.lifespan import closed, opened

        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.on(Lifespan.STARTUP, opened)
        app.on(Lifespan.SHUTDOWN, closed)
        app.with_routing(web="routes/web.py", health="/up")
    """,
    "routes/web.py": """
        from orionis.routing import Route

        from app.controllers import TagController, greeting, hold, in_flight, slow, ticks, upload
        from app.tag_middleware import TagRequest

        Route.get("/tag", (TagController, "show")).middleware(TagRequest)
        Route.get("/hold", hold).middleware("concurrency:5,hold")
        Route.get("/in-flight", in_flight)
        Route.get("/slow", slow)
        Route.get("/greeting", greeting)
        Route.post("/upload", upload)
        Route.get("/ticks", ticks)
    """,
}


def write_hostile_project(root: Path) -> Path:
    """Write the project under ``root``; return ``root``."""
    return write_project(root, FILES)


@asynccontextmanager
async def booted_hostile_app(
    root: Path, env: Mapping[str, str] | None = None
) -> AsyncIterator[Application]:
    """The project written under ``root``, booted in process (``env`` set for it), and shut
    down when the block ends; the process state is put back afterwards."""
    project = write_hostile_project(root)
    with isolated_process(), own_project_modules():
        os.environ.update(env or {})
        application = create_application(project / "bootstrap" / "app.py")
        await application.boot(Runtime.HTTP)
        try:
            yield application
        finally:
            await application.shutdown()


def reactors(logs: Path) -> Iterator[Reactor]:
    """A ``reactor`` whose servers all stop when the generator closes (for a fixture)."""
    with ExitStack() as servers:
        yield reactor_in(servers, logs)


def journal_lines(journal: Path) -> list[str]:
    """The journal's lines without the writing process's id."""
    if not journal.exists():
        return []
    return [line.split(" ", 1)[1] for line in journal.read_text().splitlines()]


def wait_for(condition: Callable[[], bool], output: Callable[[], str], timeout: float) -> float:
    """Poll ``condition`` until true (return the seconds it took) or fail with ``output``."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"gave up waiting after {timeout:g} s:\n{output()}")
