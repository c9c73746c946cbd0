"""The small project the serve tests run ``reactor serve`` in: routes that show which worker
and which interface answered, a slow route, and lifespan callbacks writing to a journal."""

from __future__ import annotations

from pathlib import Path

from tests.integration.projects import write_project

__all__ = ["JOURNAL_VARIABLE", "write_serve_project"]

JOURNAL_VARIABLE = "ORIONIS_TEST_JOURNAL"

FILES = {
    "app/journal.py": f"""
        import os


        def write(line: str) -> None:
            path = os.environ.get("{JOURNAL_VARIABLE}")
            if path:
                with open(path, "a") as journal:
                    journal.write(line + "\\n")
    """,
    "app/lifespan.py": """
        from app.journal import write


        def opened() -> None:
            write("startup")


        async def closed() -> None:
            write("shutdown")
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
        import asyncio
        import os
        import sys

        from orionis.routing import Route

        from app.journal import write


        async def pid() -> str:
            # Long enough for parallel requests to overlap, so that both workers accept some.
            await asyncio.sleep(0.05)
            return str(os.getpid())


        async def interface() -> str:
            # The server bridge's entry point on the call stack: its rsgi() or asgi() method.
            frame = sys._getframe()
            while frame is not None:
                if frame.f_code.co_filename.endswith("bridge.py"):
                    if frame.f_code.co_name in ("rsgi", "asgi"):
                        return frame.f_code.co_name
                frame = frame.f_back
            return "unknown"


        async def slow() -> str:
            write("request: started")
            await asyncio.sleep(3)
            write("request: finished")
            return "slow done"


        def greeting() -> str:
            return "hello"


        def variable(name: str) -> str:
            return os.environ.get(name, "(unset)")


        Route.get("/pid", pid)
        Route.get("/interface", interface)
        Route.get("/slow", slow)
        Route.get("/greeting", greeting)
        Route.get("/env/{name}", variable)
    """,
}


def write_serve_project(root: Path) -> Path:
    """Write the project under ``root`` (with an empty public folder); return ``root``."""
    project = write_project(root, FILES)
    (project / "storage" / "app" / "public").mkdir(parents=True)
    return project
