"""The one error the harness raises: run.py prints its message and exits non-zero."""

from __future__ import annotations

__all__ = ["BenchError"]


class BenchError(Exception):
    """The benchmark cannot go on; the message says what failed, where, and what to do."""
