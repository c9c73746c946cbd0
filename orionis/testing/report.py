"""How a failed assertion shows the response: status, headers, body excerpt, server exception."""

from __future__ import annotations

import contextlib
import json
import traceback
from collections.abc import Sequence
from http import HTTPStatus

import httpx

__all__ = ["BODY_EXCERPT", "describe_exception", "describe_response"]

# Characters of the body shown in a failure; enough for an error page's message.
BODY_EXCERPT = 2000


def describe_response(
    method: str, path: str, response: httpx.Response, exceptions: Sequence[BaseException]
) -> str:
    """The response a test got, as a failure message shows it."""
    lines = [f"Response to {method} {path}: {response.status_code} {_reason(response)}"]
    lines += [f"  {name}: {value}" for name, value in response.headers.multi_items()]
    lines += ["", "Body:", _body(response)]
    for error in exceptions:
        lines += ["", "The server handled this exception:", describe_exception(error)]
    return "\n".join(lines)


def describe_exception(error: BaseException) -> str:
    """``error`` with its traceback, the way Python prints it."""
    return "".join(traceback.format_exception(error)).rstrip()


def _reason(response: httpx.Response) -> str:
    try:
        return HTTPStatus(response.status_code).phrase
    except ValueError:
        return ""


def _body(response: httpx.Response) -> str:
    content = response.content
    if not content:
        return "  (empty)"
    if "json" in response.headers.get("content-type", ""):
        with contextlib.suppress(ValueError):  # not JSON after all: shown as it is
            content = json.dumps(response.json(), indent=2, ensure_ascii=False).encode()
    text = content.decode("utf-8", errors="replace")
    if len(text) > BODY_EXCERPT:
        text = text[:BODY_EXCERPT] + f"\n  … ({len(text) - BODY_EXCERPT} more characters)"
    return "\n".join(f"  {line}" for line in text.splitlines())
