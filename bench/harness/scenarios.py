"""The scenarios: one request each, and the exact response every target must give."""

from __future__ import annotations

import re
from dataclasses import dataclass

from harness.errors import BenchError

__all__ = ["SCENARIOS", "Scenario", "select"]

_TOKEN_FIELD = re.compile(rb'name="_token" value="[A-Za-z0-9_-]{40}"')
_TOKEN_PLACEHOLDER = b'name="_token" value="(token)"'


@dataclass(frozen=True, slots=True)
class Scenario:
    """``GET path`` answered with ``status``, ``content_type`` and ``body``, byte for byte.

    A page with a CSRF form (``token_field``) differs on every request by its token: its body
    is compared with each 40-character ``_token`` value replaced by ``(token)``, and the page
    must contain at least one. ``sets_cookie`` asks for a ``Set-Cookie`` header as well.
    """

    name: str
    path: str
    content_type: str
    body: bytes
    status: int = 200
    token_field: bool = False
    sets_cookie: bool = False

    def comparable(self, body: bytes) -> bytes:
        """``body`` as it is compared with ``self.body``: tokens replaced, if the page has any."""
        if not self.token_field:
            return body
        replaced, count = _TOKEN_FIELD.subn(_TOKEN_PLACEHOLDER, body)
        return replaced if count else b"(no 40-character _token field in the body)\n" + body


_ITEMS = b"".join(b"<li>Item %d: %d</li>\n" % (i, i * 3) for i in range(1, 11))

WEB_PAGE = (
    b'<!doctype html>\n<html lang="en">\n'
    b'<head><meta charset="utf-8"><title>Items</title></head>\n'
    b"<body>\n<h1>Items</h1>\n<ul>\n" + _ITEMS + b"</ul>\n"
    b'<form method="post" action="/web">\n'
    b'<input type="hidden" ' + _TOKEN_PLACEHOLDER + b">\n"
    b'<input name="note">\n<button type="submit">Save</button>\n</form>\n'
    b"</body>\n</html>"
)
"""The /web page (bench/project/resources/views/web.html rendered), its token replaced."""

SCENARIOS = (
    Scenario("plaintext", "/plaintext", "text/plain; charset=utf-8", b"Hello, World!"),
    Scenario("json", "/json", "application/json", b'{"message":"Hello, World!"}'),
    Scenario("users", "/users/42", "application/json", b'{"id":42}'),
    Scenario("di", "/di", "application/json", b'{"message":"Hello, World!"}'),
    Scenario(
        "web",
        "/web",
        "text/html; charset=utf-8",
        WEB_PAGE,
        token_field=True,
        sets_cookie=True,
    ),
)


def select(names: list[str] | None) -> tuple[Scenario, ...]:
    """The scenarios named (all when ``names`` is empty), in the table's order."""
    if not names:
        return SCENARIOS
    known = {scenario.name: scenario for scenario in SCENARIOS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise BenchError(
            f"Unknown scenario(s) {', '.join(unknown)}: choose from {', '.join(known)}."
        )
    return tuple(scenario for scenario in SCENARIOS if scenario.name in names)
