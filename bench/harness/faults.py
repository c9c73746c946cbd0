"""Faults injected while wrk loads a server: requests to a route that raises, and clients
that send part of a body and disconnect. Each runs in its own thread and counts what it did.

``with Faults(host, port, raising_path, partial_requests) as faults:`` runs both until the
block ends; ``faults.counts`` then says how many of each happened and what went wrong.
"""

from __future__ import annotations

import http.client
import itertools
import socket
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import TracebackType

__all__ = ["FaultCounts", "Faults"]

_TIMEOUT = 10.0
_STOP_TIMEOUT = 15.0
# SO_LINGER on with a zero timeout: close() resets the connection instead of ending it.
_RESET = struct.pack("ii", 1, 0)
# What a 500 answer must never contain outside debug mode.
_LEAKS = (b"Traceback", b'File "')


@dataclass(slots=True)
class FaultCounts:
    """What the fault threads did. ``problems`` holds one line per unexpected event."""

    errors_answered: int = 0
    """Requests to the raising route answered 500 without a traceback."""
    partial_bodies: int = 0
    """Requests whose headers and part of their body were sent before the disconnect."""
    resets: int = 0
    """Of those, how many ended with a reset (RST) rather than an orderly close (FIN)."""
    problems: list[str] = field(default_factory=list)


class Faults:
    """Threads that keep injecting faults into the server at ``host:port`` until stopped.

    ``raising_path`` is requested over one keep-alive connection every ``error_interval``
    seconds and must be answered 500 (None: no such requests). ``partial_requests`` are raw
    HTTP/1.1 requests whose ``Content-Length`` promises more than they carry: one is sent every
    ``partial_interval`` seconds on a new connection, which is closed (FIN) or reset (RST),
    each in turn, while the server waits for the rest of the body.
    """

    def __init__(
        self,
        host: str,
        port: int,
        raising_path: str | None,
        partial_requests: Sequence[bytes],
        *,
        error_interval: float = 0.01,
        partial_interval: float = 0.02,
    ) -> None:
        self.counts = FaultCounts()
        self._address = (host, port)
        self._raising_path = raising_path
        self._partial = list(partial_requests)
        if not self._partial:
            raise ValueError("Faults needs at least one partial request to send.")
        self._intervals = (error_interval, partial_interval)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._cut_bodies, name="faults-partial", daemon=True)
        ]
        if raising_path is not None:
            errors = threading.Thread(target=self._raise_errors, name="faults-errors", daemon=True)
            self._threads.append(errors)

    def __enter__(self) -> Faults:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop both threads and wait for them (each wait is bounded by the socket timeout)."""
        self._stop.set()
        for thread in self._threads:
            thread.join(_STOP_TIMEOUT)
            if thread.is_alive():
                self._problem(f"{thread.name} did not stop within {_STOP_TIMEOUT:g} s")

    def _problem(self, line: str) -> None:
        with self._lock:
            if len(self.counts.problems) < 50:  # enough to diagnose, bounded in memory
                self.counts.problems.append(line)

    def _raise_errors(self) -> None:
        interval, path = self._intervals[0], self._raising_path or "/"
        connection: http.client.HTTPConnection | None = None
        while not self._stop.wait(interval):
            if connection is None:
                connection = http.client.HTTPConnection(*self._address, timeout=_TIMEOUT)
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as error:
                self._problem(f"GET {path}: {type(error).__name__}: {error}")
                connection.close()
                connection = None
                continue
            if response.status != 500 or any(leak in body for leak in _LEAKS):
                self._problem(f"GET {path}: {response.status} {body[:200]!r}")
            else:
                self.counts.errors_answered += 1
            if response.will_close:
                connection.close()
                connection = None
        if connection is not None:
            connection.close()

    def _cut_bodies(self) -> None:
        interval = self._intervals[1]
        requests = itertools.cycle(self._partial)
        for number in itertools.count():
            if self._stop.wait(interval):
                return
            # Each request of the list is closed once, then reset once, in turn.
            reset = (number // len(self._partial)) % 2 == 1
            try:
                self._send_partial(next(requests), reset=reset)
            except OSError as error:
                self._problem(f"partial body: {type(error).__name__}: {error}")
                continue
            self.counts.partial_bodies += 1
            self.counts.resets += reset

    def _send_partial(self, request: bytes, *, reset: bool) -> None:
        with socket.create_connection(self._address, timeout=_TIMEOUT) as sock:
            sock.sendall(request)
            # Give the server time to start on the request, so the disconnect lands while
            # the application is waiting for the rest of the body.
            self._stop.wait(0.01)
            if reset:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RESET)
