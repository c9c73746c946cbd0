"""The small project the WebSocket and server-sent-event tests serve with real Granian
(``serve_realtime``): echo routes, a socket that closes with an application code, refused
handshakes, rooms joined through the broadcaster, and event streams; connections that end
write to a journal.

Each journal line names the connection's ``tag`` (a query parameter the test chooses), so that
tests sharing one server find their own lines.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from tests.integration.projects import WEB_BOOTSTRAP, write_project
from tests.integration.serve.certificates import Certificates
from tests.integration.serve.project import FILES as SERVE_FILES
from tests.integration.serve.project import JOURNAL_VARIABLE
from tests.integration.serve.reactor import reactor_in
from tests.support.servers import HOST, Server

__all__ = [
    "ALLOWED_ORIGIN",
    "CLOSE_CODE",
    "CLOSE_REASON",
    "JOURNAL_VARIABLE",
    "MAX_MESSAGE_SIZE",
    "TOKEN",
    "Served",
    "serve_realtime",
    "write_realtime_project",
]

ALLOWED_ORIGIN = "http://good.example"
"""The one foreign origin config/websockets.py lets open sockets."""

MAX_MESSAGE_SIZE = 4096
"""config/websockets.py's max_message_size, in bytes."""

CLOSE_CODE, CLOSE_REASON = 4001, "session over"
"""What /ws/close closes with after the first message."""

TOKEN = "let-me-in"
"""The ?token= that /ws/guarded wants; anything else is refused with 401."""

FILES = {
    "app/journal.py": SERVE_FILES["app/journal.py"],
    "config/websockets.py": f"""
        allowed_origins = ["{ALLOWED_ORIGIN}"]
        max_message_size = {MAX_MESSAGE_SIZE}
        idle_timeout = 60
    """,
    "config/broadcasting.py": """
        from orionis.config import env

        driver = env("BROADCAST_DRIVER", "memory")
        redis_url = env("BROADCAST_REDIS_URL", "redis://127.0.0.1:6379/15")
        prefix = env("BROADCAST_PREFIX", "orionis_broadcast:")
    """,
    **WEB_BOOTSTRAP,
    "app/sockets.py": f"""
        import os

        from orionis.broadcasting import Broadcaster
        from orionis.http import WebSocket, WebSocketNext, abort

        from app.journal import write


        def tag(websocket: WebSocket) -> str:
            return websocket.query.get("tag") or "-"


        class Echo:
            # encoding None: str or bytes as received, sent back the same way.
            encoding = None

            async def receive(self, websocket: WebSocket, message: str | bytes) -> None:
                if isinstance(message, str):
                    await websocket.send_text(message)
                else:
                    await websocket.send_bytes(message)

            async def disconnect(self, websocket: WebSocket, code: int) -> None:
                write(f"echo {{tag(websocket)}} closed {{code}}")


        class JsonEcho:
            encoding = "json"

            async def receive(self, websocket: WebSocket, message: object) -> None:
                await websocket.send_json({{"echo": message, "interface": websocket.interface}})


        async def close_after_first(websocket: WebSocket) -> None:
            await websocket.accept()
            await websocket.receive()
            await websocket.close({CLOSE_CODE}, "{CLOSE_REASON}")


        class RequireToken:
            async def handle_websocket(self, websocket: WebSocket, next: WebSocketNext) -> None:
                if websocket.query.get("token") != "{TOKEN}":
                    await websocket.reject(401)
                    return
                await next(websocket)


        async def welcome(websocket: WebSocket) -> None:
            await websocket.accept()
            await websocket.send_text("welcome")
            await websocket.receive()


        class AdminsOnly:
            async def connect(self, websocket: WebSocket) -> None:
                abort(403)


        class Room:
            def __init__(self, broadcaster: Broadcaster) -> None:
                self.broadcaster = broadcaster

            async def connect(self, websocket: WebSocket, room: str) -> None:
                await websocket.accept()
                await self.broadcaster.join(f"room.{{room}}", websocket)
                # Joined before the client hears of it: tests wait for this message.
                await websocket.send_json({{"joined": room, "worker": os.getpid()}})

            async def receive(self, websocket: WebSocket, message: str, room: str) -> None:
                await self.broadcaster.broadcast(f"room.{{room}}", message, exclude=websocket)

            async def disconnect(self, websocket: WebSocket, code: int, room: str) -> None:
                await self.broadcaster.leave_all(websocket)
                write(f"room {{room}} {{tag(websocket)}} left {{code}}")
    """,
    "app/events.py": """
        import asyncio

        from orionis.http import EventStreamResponse, Request, ServerSentEvent

        from app.journal import write


        async def events(request: Request) -> EventStreamResponse:
            tag = request.query.get("tag") or "-"

            async def source():
                try:
                    for n in range(1, 4):
                        yield ServerSentEvent({"n": n}, event="tick", id=n)
                    yield "first line\\nsecond line"
                    write(f"sse {tag} sent")
                    await asyncio.Event().wait()  # from here on only pings go out
                finally:
                    write(f"sse {tag} closed")

            return EventStreamResponse(source(), ping=0.2, retry=1500)


        async def countdown() -> EventStreamResponse:
            async def source():
                for n in (3, 2, 1):
                    yield ServerSentEvent(str(n), id=n)
                yield ServerSentEvent("liftoff", event="done")

            return EventStreamResponse(source(), ping=None)
    """,
    "routes/web.py": """
        from orionis.routing import Route

        from app import events, sockets

        Route.websocket("/ws/echo", sockets.Echo)
        Route.websocket("/ws/json", sockets.JsonEcho)
        Route.websocket("/ws/close", sockets.close_after_first)
        Route.websocket("/ws/guarded", sockets.welcome).middleware(sockets.RequireToken)
        Route.websocket("/ws/admin", sockets.AdminsOnly)
        Route.websocket("/ws/rooms/{room}", sockets.Room)
        Route.get("/events", events.events)
        Route.get("/countdown", events.countdown)
    """,
}


def write_realtime_project(root: Path) -> Path:
    """Write the project under ``root`` (with the empty public folder serve wants)."""
    project = write_project(root, FILES)
    (project / "storage" / "app" / "public").mkdir(parents=True)
    return project


@dataclass(frozen=True)
class Served:
    """The project served by ``reactor serve`` on one interface, with its journal; ``tls`` is
    the client context trusting the test CA when the server speaks TLS."""

    interface: str
    server: Server
    journal: Path
    tls: ssl.SSLContext | None

    def url(self, path: str, scheme: str = "http") -> str:
        """``http://…path`` (``https`` with TLS); ``scheme="ws"`` gives ``ws``/``wss``."""
        return f"{scheme}{'s' if self.tls else ''}://{HOST}:{self.server.port}{path}"

    def lines(self) -> list[str]:
        """The journal's lines so far (none before the first write)."""
        return self.journal.read_text().splitlines() if self.journal.exists() else []

    def wait_for(self, condition: Callable[[list[str]], bool], timeout: float = 10.0) -> None:
        """Return once ``condition(journal lines)`` holds; fail after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition(self.lines()):
                return
            time.sleep(0.02)
        raise AssertionError(
            f"gave up waiting after {timeout:g} s; journal: {self.lines()}\n{self.server.output()}"
        )

    def wait_for_line(self, line: str) -> None:
        """Return once the application wrote ``line`` to the journal."""
        self.wait_for(lambda lines: line in lines)


def serve_realtime(
    servers: ExitStack,
    folder: Path,
    interface: str,
    pki: Certificates | None = None,
    *,
    workers: int = 1,
    env: Mapping[str, str] | None = None,
) -> Served:
    """Write the project in ``folder`` and serve it until ``servers`` closes: ``interface``
    ``rsgi`` or ``asgi``, with TLS (the server certificate of ``pki``) when ``pki`` is given,
    ``workers`` processes, ``env`` added to the server's environment."""
    project = write_realtime_project(folder / "project")
    journal = folder / "journal.txt"
    arguments = ["--interface", interface, "--workers", str(workers)]
    tls = None
    if pki is not None:
        arguments += ["--ssl-certificate", str(pki.server_certificate)]
        arguments += ["--ssl-keyfile", str(pki.server_key)]
        tls = ssl.create_default_context(cafile=str(pki.ca))
    environment = {**(env or {}), JOURNAL_VARIABLE: str(journal)}
    server = reactor_in(servers, folder)(project, *arguments, env=environment)
    return Served(interface, server, journal, tls)
