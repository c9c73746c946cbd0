"""Request bodies on real Granian (RSGI and ASGI), driven over raw sockets.

A route's own body limit stops a 100 MB upload after 1 MiB without the worker holding it (its
RSS is read from /proc), ``Expect: 100-continue`` lets the server refuse before the client sends
a byte of the body, and ``body_read_timeout`` answers a body that trickles in with 408 and
closes the connection. Every socket operation and wait is bounded.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack, closing
from pathlib import Path

import pytest

from tests.integration.projects import WEB_BOOTSTRAP, serve_project, write_project
from tests.support.servers import HOST, Server

LIMIT = 1024 * 1024
BIG = 100 * 1024 * 1024
READ_TIMEOUT = 2
# Wait bounds: far above what an idle machine needs, so a loaded 2-core one does not flake.
ANSWER_WITHIN = 15.0
RSS_GROWTH_LIMIT = 15 * 1024  # kB, as /proc reports VmRSS

PROJECT = {
    # The global limit stays at its 10 MiB default: the routes carry their own 1 MiB.
    "config/http.py": f"body_read_timeout = {READ_TIMEOUT}\n",
    **WEB_BOOTSTRAP,
    "routes/web.py": """
        from orionis.http import Request
        from orionis.routing import Route


        async def upload(request: Request) -> dict[str, int]:
            return {"size": len(await request.body())}


        async def chunks(request: Request) -> dict[str, int]:
            total = 0
            async for chunk in request.stream():
                total += len(chunk)
            return {"size": total}


        Route.post("/upload", upload).max_body_size(LIMIT)
        Route.post("/stream", chunks).max_body_size(LIMIT)
    """.replace("LIMIT", str(LIMIT)),
}


@pytest.fixture(scope="module", params=["granian-rsgi", "granian-asgi"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    kind: str = request.param
    project = write_project(tmp_path_factory.mktemp("bodies") / "project", PROJECT)
    with ExitStack() as servers:
        yield serve_project(servers, kind, project)


# ------------------------------------------------------------------------------ helpers


def connect(server: Server) -> socket.socket:
    sock = socket.create_connection((HOST, server.port), timeout=ANSWER_WITHIN)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def head(path: str, *lines: str) -> bytes:
    return "".join(
        [f"POST {path} HTTP/1.1\r\n", "Host: test\r\n", *(f"{line}\r\n" for line in lines), "\r\n"]
    ).encode()


def read_response(sock: socket.socket, deadline: float) -> tuple[int, dict[str, str], bytes]:
    """One response: status, headers (lowercase names), body (by Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += _recv(sock, deadline)
    header_block, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = header_block.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        body += _recv(sock, deadline)
    return int(status_line.split()[1]), headers, body[:length]


def _recv(sock: socket.socket, deadline: float) -> bytes:
    sock.settimeout(max(0.05, deadline - time.monotonic()))
    chunk = sock.recv(65536)
    if not chunk:
        raise AssertionError("the server closed the connection before a complete response")
    return chunk


def closed_by_server(sock: socket.socket, deadline: float) -> bool:
    """True once the server closed its side (EOF or reset) before ``deadline``."""
    try:
        while time.monotonic() < deadline:
            sock.settimeout(max(0.05, deadline - time.monotonic()))
            if not sock.recv(65536):
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False
    return False


def send_until_answered(sock: socket.socket, chunk: bytes, total: int, chunked: bool) -> int:
    """Send up to ``total`` body bytes; stop when the server stops taking them. Returns the
    bytes the kernel accepted from us (what the server could have read at most)."""
    sent = 0
    sock.settimeout(2.0)  # a full socket buffer for 2 s: the server is not reading any more
    framed = b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk
    try:
        while sent < total:
            sock.sendall(framed)
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError, TimeoutError):
        pass
    return sent


def worker_rss_kb(server: Server) -> int:
    """VmRSS of the Granian worker: the server process's child (one worker)."""
    children = _children(server.process.pid)
    if not children:
        raise AssertionError(f"no worker process under PID {server.process.pid}")
    return sum(_rss(pid) for pid in children)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.extend(int(child) for child in text)
    return found


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for PID {pid}")


def served(server: Server) -> None:
    """A fresh connection gets its small upload answered."""
    with closing(connect(server)) as sock:
        sock.sendall(head("/upload", "Content-Length: 5", "Accept: application/json") + b"hello")
        status, _, body = read_response(sock, time.monotonic() + ANSWER_WITHIN)
    assert (status, json.loads(body)) == (200, {"size": 5})


# ------------------------------------------------------------------------------ size


@pytest.mark.parametrize("path", ["/upload", "/stream"])
def test_a_100_mb_chunked_body_is_cut_at_the_limit_without_the_worker_holding_it(
    server: Server, path: str
) -> None:
    served(server)  # warm: the first request allocates what every request then reuses
    before = worker_rss_kb(server)
    with closing(connect(server)) as sock:
        sock.sendall(head(path, "Transfer-Encoding: chunked", "Accept: application/json"))
        sent = send_until_answered(sock, b"x" * 65536, BIG, chunked=True)
        status, headers, body = read_response(sock, time.monotonic() + ANSWER_WITHIN)
        assert status == 413
        assert f"limit of {LIMIT} bytes" in json.loads(body)["message"]
        assert headers.get("connection") == "close"
        assert closed_by_server(sock, time.monotonic() + ANSWER_WITHIN)
    # Socket buffers take a few MB; the rest of the 100 MB was never accepted.
    assert sent < BIG / 2, f"{sent} bytes went out: the server kept reading past the limit"
    growth = worker_rss_kb(server) - before
    assert growth <= RSS_GROWTH_LIMIT, f"the worker grew by {growth} kB"
    served(server)


def test_a_declared_100_mb_body_is_refused_before_it_is_read(server: Server) -> None:
    served(server)
    before = worker_rss_kb(server)
    with closing(connect(server)) as sock:
        sock.sendall(head("/upload", f"Content-Length: {BIG}", "Accept: application/json"))
        sent = send_until_answered(sock, b"x" * 65536, BIG, chunked=False)
        status, headers, body = read_response(sock, time.monotonic() + ANSWER_WITHIN)
    assert status == 413
    assert f"Content-Length: {BIG}" in json.loads(body)["message"]
    assert headers.get("connection") == "close"
    assert sent < BIG / 2
    assert worker_rss_kb(server) - before <= RSS_GROWTH_LIMIT
    served(server)


def test_expect_100_continue_gets_413_before_the_body_is_sent(server: Server) -> None:
    with closing(connect(server)) as sock:
        sock.sendall(
            head(
                "/upload",
                f"Content-Length: {BIG}",
                "Expect: 100-continue",
                "Accept: application/json",
            )
        )
        status, headers, _ = read_response(sock, time.monotonic() + ANSWER_WITHIN)
        assert (status, headers.get("connection")) == (413, "close")
        assert closed_by_server(sock, time.monotonic() + ANSWER_WITHIN)
    served(server)


def test_expect_100_continue_within_the_limit_gets_100_then_the_answer(server: Server) -> None:
    with closing(connect(server)) as sock:
        sock.sendall(head("/upload", "Content-Length: 5", "Expect: 100-continue"))
        deadline = time.monotonic() + ANSWER_WITHIN
        interim = b""
        while b"\r\n\r\n" not in interim:
            interim += _recv(sock, deadline)
        assert interim.startswith(b"HTTP/1.1 100 Continue\r\n"), interim
        sock.sendall(b"hello")
        status, _, body = read_response(sock, deadline)
    assert (status, json.loads(body)) == (200, {"size": 5})


# ------------------------------------------------------------------------------ time


@pytest.mark.parametrize("path", ["/upload", "/stream"])
def test_a_trickling_body_gets_408_and_its_connection_closed(server: Server, path: str) -> None:
    with closing(connect(server)) as sock:
        sock.sendall(head(path, "Content-Length: 1000", "Accept: application/json"))
        started = time.monotonic()
        deadline = started + READ_TIMEOUT + ANSWER_WITHIN
        answer = b""
        sock.settimeout(0.5)
        # One byte every half second: 1000 bytes would take over 8 minutes.
        while b"\r\n\r\n" not in answer and time.monotonic() < deadline:
            try:
                sock.sendall(b"x")
                answer += sock.recv(65536)
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
        elapsed = time.monotonic() - started
        status_line = answer.split(b"\r\n", 1)[0]
        assert status_line == b"HTTP/1.1 408 Request Timeout", answer
        assert b"body_read_timeout" in answer
        assert b"connection: close" in answer.lower()
        assert closed_by_server(sock, time.monotonic() + ANSWER_WITHIN)
    # Not before the timeout; after it, within the generous wait bound above.
    assert elapsed >= READ_TIMEOUT * 0.9
    served(server)


def test_a_body_arriving_steadily_within_the_timeout_is_read(server: Server) -> None:
    with closing(connect(server)) as sock:
        sock.sendall(head("/stream", "Content-Length: 1000"))
        for _ in range(10):  # ~0.5 s in all, a quarter of the timeout
            sock.sendall(b"x" * 100)
            time.sleep(0.05)
        status, _, body = read_response(sock, time.monotonic() + ANSWER_WITHIN)
    assert (status, json.loads(body)) == (200, {"size": 1000})
