"""Where a route was defined: the file and line of the code that called the registrar."""

import sys

__all__ = ["caller_location"]


def caller_location(depth: int = 1) -> str:
    """``file:line`` of the frame ``depth`` levels above the function that calls this one."""
    # Read once per definition at boot; sys._getframe is the cheap way (inspect.stack is not).
    frame = sys._getframe(depth + 1)
    return f"{frame.f_code.co_filename}:{frame.f_lineno}"
