"""How many connections a worker holds: the open-files limit and Granian's backpressure.

Measured with Granian 2.8.7 on loopback (see the serve tests and /work/shared/GRANIAN.md):
connections count against ``--backpressure`` (default backlog/workers = 1024 for one worker)
until they close, and with ``--http auto`` a connection that never sends a byte is never
closed. So 1 025 silent sockets locked a default server out for everyone. With 8 192 per
worker, 8 000 silent sockets cost the worker 27 MB and 8 000 idle keep-alive connections
164 MB (until the header read timeout closes them); a new client was served at once in both.
"""

from __future__ import annotations

import sys

if sys.platform != "win32":
    import resource

__all__ = ["CONNECTIONS_PER_WORKER", "RESERVED_FILES", "backpressure", "raise_open_files_limit"]

CONNECTIONS_PER_WORKER = 8192
"""Connections (and so concurrent requests) one worker accepts when the limits allow it."""

RESERVED_FILES = 1024
"""Descriptors left to the application itself: files, database and upstream sockets."""


def raise_open_files_limit(wanted: int = CONNECTIONS_PER_WORKER + RESERVED_FILES) -> int:
    """Raise this process's soft open-files limit towards ``wanted`` (never above the hard
    limit, never lowered); return the soft limit now in force. Granian and its workers
    inherit it."""
    if sys.platform == "win32":
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    ceiling = wanted if hard == resource.RLIM_INFINITY else min(hard, wanted)
    if soft != resource.RLIM_INFINITY and soft < ceiling:
        resource.setrlimit(resource.RLIMIT_NOFILE, (ceiling, hard))
        soft = ceiling
    return wanted if soft == resource.RLIM_INFINITY else soft


def backpressure(open_files: int) -> int:
    """The per-worker connection bound for a worker allowed ``open_files`` descriptors."""
    return max(open_files // 2, min(CONNECTIONS_PER_WORKER, open_files - RESERVED_FILES))
