"""The page shown for an unhandled error while APP_DEBUG is true (never in production)."""

from __future__ import annotations

import traceback
from html import escape
from typing import Any

from orionis.http.exceptions import HttpException
from orionis.http.request import Request

__all__ = ["debug_html", "debug_json"]

_MASKED_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization", "x-csrf-token"})
_MASK = "********"


def _headers(request: Request) -> list[tuple[str, str]]:
    return [
        (name, _MASK if name.lower() in _MASKED_HEADERS else value)
        for name, value in request.headers.items()
    ]


def _url(request: Request) -> str:
    try:
        return request.url
    except HttpException:  # a malformed Host: the page must still render, without it
        return request.path


def _frames(error: BaseException) -> list[dict[str, Any]]:
    return [
        {"file": f.filename, "line": f.lineno, "function": f.name, "code": f.line or ""}
        for f in traceback.extract_tb(error.__traceback__)
    ]


def debug_json(request: Request, error: BaseException) -> dict[str, Any]:
    """The JSON body of a debug error response."""
    return {
        "message": str(error) or type(error).__name__,
        "exception": f"{type(error).__module__}.{type(error).__qualname__}",
        "trace": _frames(error),
    }


def debug_html(request: Request, error: BaseException) -> str:
    """A self-contained HTML page: the exception, its stack (innermost last) and the request."""
    frames = "".join(
        f"<li><code>{escape(f['file'])}:{f['line']}</code> in <b>{escape(f['function'])}</b>"
        f"<pre>{escape(f['code'])}</pre></li>"
        for f in _frames(error)
    )
    headers = "".join(
        f"<tr><th>{escape(name)}</th><td>{escape(value)}</td></tr>"
        for name, value in _headers(request)
    )
    title = escape(f"{type(error).__qualname__}: {error}")
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><style>"
        "body{font:14px system-ui,sans-serif;margin:2rem;color:#222}"
        "h1{font-size:1.3rem;color:#b00020}pre{background:#f6f6f6;padding:.4rem;margin:.2rem 0}"
        "th{text-align:left;padding-right:1rem;vertical-align:top}li{margin-bottom:.6rem}"
        "</style></head><body>"
        f"<h1>{title}</h1>"
        f"<p><b>{escape(request.method)}</b> {escape(_url(request))}</p>"
        f"<h2>Stack</h2><ol>{frames}</ol>"
        f"<h2>Request headers</h2><table>{headers}</table>"
        "<p><small>Shown because APP_DEBUG is true. Never enable it in production.</small></p>"
        "</body></html>"
    )
