"""The page shown for an unhandled error while APP_DEBUG is true (never in production).

Everything on it is HTML-escaped, and secrets are masked: credential headers, query values
under secret names, and every secret value of the configuration and environment (``APP_KEY``,
``*_SECRET``, URL passwords...) wherever it appears, in the message and the code too.
"""

from __future__ import annotations

import traceback
from html import escape
from typing import Any
from urllib.parse import parse_qsl

from orionis.config.secrets import MASK, SecretMasker, looks_secret
from orionis.http.exceptions import HttpException
from orionis.http.request import Request

__all__ = ["debug_html", "debug_json"]

_MASKED_HEADERS = frozenset(
    {"authorization", "cookie", "proxy-authorization", "set-cookie", "x-csrf-token", "x-xsrf-token"}
)
_NO_SECRETS = SecretMasker(())


def _headers(request: Request, masker: SecretMasker) -> list[tuple[str, str]]:
    return [
        (name, MASK if _secret_header(name) else masker.mask(value))
        for name, value in request.headers.items()
    ]


def _secret_header(name: str) -> bool:
    lowered = name.lower()
    return lowered in _MASKED_HEADERS or looks_secret(lowered)


def _url(request: Request, masker: SecretMasker) -> str:
    try:
        url = request.url
    except HttpException:  # a malformed Host: the page must still render, without it
        url = request.path
    path, _, query = url.partition("?")
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        # Decoded for reading: the page escapes it as HTML, so nothing in it can run.
        path += "?" + "&".join(f"{k}={MASK if looks_secret(k) else v}" for k, v in pairs)
    return masker.mask(path)


def _frames(error: BaseException) -> list[dict[str, Any]]:
    return [
        {"file": f.filename, "line": f.lineno, "function": f.name, "code": f.line or ""}
        for f in traceback.extract_tb(error.__traceback__)
    ]


def _masked_frames(error: BaseException, masker: SecretMasker) -> list[dict[str, Any]]:
    return [{**f, "code": masker.mask(f["code"])} for f in _frames(error)]


def debug_json(
    request: Request, error: BaseException, masker: SecretMasker = _NO_SECRETS
) -> dict[str, Any]:
    """The JSON body of a debug error response; ``masker`` hides the app's secrets."""
    return {
        "message": masker.mask(str(error) or type(error).__name__),
        "exception": f"{type(error).__module__}.{type(error).__qualname__}",
        "trace": _masked_frames(error, masker),
    }


def debug_html(request: Request, error: BaseException, masker: SecretMasker = _NO_SECRETS) -> str:
    """A self-contained HTML page: the exception, its stack (innermost last) and the request;
    ``masker`` hides the app's secrets."""
    frames = "".join(
        f"<li><code>{escape(f['file'])}:{f['line']}</code> in <b>{escape(f['function'])}</b>"
        f"<pre>{escape(f['code'])}</pre></li>"
        for f in _masked_frames(error, masker)
    )
    headers = "".join(
        f"<tr><th>{escape(name)}</th><td>{escape(value)}</td></tr>"
        for name, value in _headers(request, masker)
    )
    title = escape(masker.mask(f"{type(error).__qualname__}: {error}"))
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><style>"
        "body{font:14px system-ui,sans-serif;margin:2rem;color:#222}"
        "h1{font-size:1.3rem;color:#b00020}pre{background:#f6f6f6;padding:.4rem;margin:.2rem 0}"
        "th{text-align:left;padding-right:1rem;vertical-align:top}li{margin-bottom:.6rem}"
        "</style></head><body>"
        f"<h1>{title}</h1>"
        f"<p><b>{escape(request.method)}</b> {escape(_url(request, masker))}</p>"
        f"<h2>Stack</h2><ol>{frames}</ol>"
        f"<h2>Request headers</h2><table>{headers}</table>"
        "<p><small>Shown because APP_DEBUG is true. Never enable it in production.</small></p>"
        "</body></html>"
    )
