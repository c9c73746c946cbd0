"""The CSRF matrix: method x token x Sec-Fetch-Site x Accept gives exactly the expected status.

Every cell is a real request through the ``web`` group (``cookies``, ``session``, ``csrf``), in
process, through RSGI and ASGI. The token is sent in each of the three places a client can put
it: the ``_token`` form field, the ``X-CSRF-TOKEN`` header, and the ``X-XSRF-TOKEN`` header
(the encrypted ``XSRF-TOKEN`` cookie, as JavaScript clients send it). Tokens:

- none: no token at all;
- valid: this session's token;
- foreign: a real token of another session (a page of another user);
- malformed: a near miss of this session's token (one character changed, or an altered seal).

The rules the table encodes: safe methods (GET, HEAD, OPTIONS) are never checked; any other
method needs this session's token (Laravel), and a browser request that says it comes from
another site (``Sec-Fetch-Site: cross-site``) is refused even with the right token, as no page
of another site can hold it legitimately. A form's ``_method`` changes the method the check
sees only to PUT, PATCH or DELETE, so ``_method=GET`` is still a checked POST.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.security.web_app import CALLS, FORM, set_cookies_of, web_app, write_web_project

# Expected status per token (none, valid, foreign, malformed) for each method and
# Sec-Fetch-Site value ("absent": no such header). Written out, not computed.
EXPECTED = """
method               sec-fetch-site  none  valid  foreign  malformed
GET                  absent          200   200    200      200
GET                  same-origin     200   200    200      200
GET                  same-site       200   200    200      200
GET                  none            200   200    200      200
GET                  cross-site      200   200    200      200
HEAD                 absent          200   200    200      200
HEAD                 same-origin     200   200    200      200
HEAD                 same-site       200   200    200      200
HEAD                 none            200   200    200      200
HEAD                 cross-site      200   200    200      200
OPTIONS              absent          200   200    200      200
OPTIONS              same-origin     200   200    200      200
OPTIONS              same-site       200   200    200      200
OPTIONS              none            200   200    200      200
OPTIONS              cross-site      200   200    200      200
POST                 absent          419   200    419      419
POST                 same-origin     419   200    419      419
POST                 same-site       419   200    419      419
POST                 none            419   200    419      419
POST                 cross-site      419   419    419      419
PUT                  absent          419   200    419      419
PUT                  same-origin     419   200    419      419
PUT                  same-site       419   200    419      419
PUT                  none            419   200    419      419
PUT                  cross-site      419   419    419      419
PATCH                absent          419   200    419      419
PATCH                same-origin     419   200    419      419
PATCH                same-site       419   200    419      419
PATCH                none            419   200    419      419
PATCH                cross-site      419   419    419      419
DELETE               absent          419   200    419      419
DELETE               same-origin     419   200    419      419
DELETE               same-site       419   200    419      419
DELETE               none            419   200    419      419
DELETE               cross-site      419   419    419      419
POST+_method=PUT     absent          419   200    419      419
POST+_method=PUT     same-origin     419   200    419      419
POST+_method=PUT     same-site       419   200    419      419
POST+_method=PUT     none            419   200    419      419
POST+_method=PUT     cross-site      419   419    419      419
POST+_method=DELETE  absent          419   200    419      419
POST+_method=DELETE  same-origin     419   200    419      419
POST+_method=DELETE  same-site       419   200    419      419
POST+_method=DELETE  none            419   200    419      419
POST+_method=DELETE  cross-site      419   419    419      419
POST+_method=GET     absent          419   200    419      419
POST+_method=GET     same-origin     419   200    419      419
POST+_method=GET     same-site       419   200    419      419
POST+_method=GET     none            419   200    419      419
POST+_method=GET     cross-site      419   419    419      419
"""

# The method the handler must see for a 200 (spoofing happens before routing).
ROUTED_AS = {"POST+_method=PUT": "PUT", "POST+_method=DELETE": "DELETE", "POST+_method=GET": "POST"}
DELIVERIES = ("_token field", "X-CSRF-TOKEN", "X-XSRF-TOKEN")
ACCEPTS = ("text/html", "application/json")
Send = Callable[..., Awaitable[Any]]


def expected_table() -> dict[tuple[str, str, str], int]:
    """``(method, sec-fetch-site, token) -> status`` from EXPECTED."""
    header, *rows = [line.split() for line in EXPECTED.strip().splitlines()]
    tokens = header[2:]
    return {
        (method, site, token): int(status)
        for method, site, *statuses in rows
        for token, status in zip(tokens, statuses, strict=True)
    }


@dataclass(frozen=True)
class Visitor:
    """A browser's cookies, its session's CSRF token and its encrypted XSRF-TOKEN cookie."""

    cookies: dict[str, str]
    token: str

    @property
    def xsrf(self) -> str:
        return self.cookies["XSRF-TOKEN"]


def _near_miss(value: str) -> str:
    """``value`` with its middle character changed."""
    middle = len(value) // 2
    return value[:middle] + ("A" if value[middle] != "A" else "B") + value[middle + 1 :]


def token_value(kind: str, delivery: str, me: Visitor, other: Visitor) -> str | None:
    """What the client sends for token ``kind`` in ``delivery``."""
    xsrf = delivery == "X-XSRF-TOKEN"
    if kind == "none":
        return None
    if kind == "valid":
        return me.xsrf if xsrf else me.token
    if kind == "foreign":
        return other.xsrf if xsrf else other.token
    return _near_miss(me.xsrf if xsrf else me.token)


def build_request(
    label: str, site: str, accept: str, delivery: str, token: str | None, me: Visitor
) -> tuple[str, dict[str, str], bytes]:
    """Method, headers and form body of one cell."""
    method, _, spoof = label.partition("+")
    fields = dict([spoof.split("=", 1)]) if spoof else {}
    headers = {
        "accept": accept,
        "content-type": FORM,
        "cookie": "; ".join(f"{name}={value}" for name, value in me.cookies.items()),
    }
    if site != "absent":
        headers["sec-fetch-site"] = site
    if token is not None and delivery == "_token field":
        fields["_token"] = token
    elif token is not None:
        headers[delivery.lower()] = token
    return method, headers, urlencode({"name": "x", **fields}).encode()


@pytest.fixture(params=sorted(CALLS))
def kernel(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def send(tmp_path: Path, kernel: str) -> AsyncIterator[Send]:
    """``await send(method, path, headers=..., body=...)`` into a fresh web project."""
    http = 'csrf_except = ["hooks/exact", "webhooks/*"]\n'
    with web_app(write_web_project(tmp_path, http=http)) as app:
        await app.boot()

        async def call(method: str, path: str, **options: Any) -> Any:
            return await CALLS[kernel](app, method, path, **options)

        try:
            yield call
        finally:
            await app.shutdown()


async def visitor(send: Send) -> Visitor:
    """A new browser session: its cookies and its token."""
    result = await send("GET", "/token", headers={"x-requested-with": "XMLHttpRequest"})
    return Visitor(set_cookies_of(result), result.text)


def test_the_table_covers_every_cell() -> None:
    table = expected_table()
    assert len(table) == 10 * 5 * 4
    assert set(ROUTED_AS) <= {method for method, _, _ in table}


async def test_every_cell_of_the_matrix_gives_its_expected_status(send: Send) -> None:
    me, other = await visitor(send), await visitor(send)
    assert me.token != other.token
    failures, cells = [], 0
    for (label, site, kind), status in expected_table().items():
        for delivery in DELIVERIES if kind != "none" else DELIVERIES[:1]:
            token = token_value(kind, delivery, me, other)
            for accept in ACCEPTS:
                method, headers, body = build_request(label, site, accept, delivery, token, me)
                result = await send(method, "/target", headers=headers, body=body)
                cells += 1
                problem = _check(result, status, label, method, accept)
                if problem:
                    failures.append(
                        f"{label} site={site} token={kind} via {delivery} "
                        f"accept={accept}: {problem}"
                    )
    assert failures == [], f"{len(failures)} of {cells} cells wrong:\n" + "\n".join(failures)
    assert cells == 10 * 5 * (1 + 3 * 3) * 2


def _check(result: Any, status: int, label: str, method: str, accept: str) -> str | None:
    """What is wrong with ``result`` for a cell expecting ``status``; None when right."""
    if result.status != status:
        return f"status {result.status}, expected {status}"
    content_type = result.headers.get("content-type", "")
    if status == 419 and accept == "application/json":
        if not content_type.startswith("application/json"):
            return f"419 as {content_type!r}, expected JSON"
        if not result.json().get("message", "").startswith("CSRF"):
            return f"419 JSON body {result.body!r}"
    elif status == 419:
        if not content_type.startswith("text/html") or b"419" not in result.body:
            return f"419 as {content_type!r} {result.body[:60]!r}, expected the HTML page"
    elif method != "HEAD" and result.json() != {"method": ROUTED_AS.get(label, method)}:
        return f"handler saw {result.body!r}"
    return None


# (path, Sec-Fetch-Site, expected status) for a POST without any token, with
# csrf_except = ["hooks/exact", "webhooks/*"].
EXCEPT_CASES = [
    ("/hooks/exact", None, 200),  # exact pattern
    ("/hooks/exact", "cross-site", 200),  # excluded paths skip the origin rule too
    ("/webhooks/stripe", None, 200),  # wildcard pattern
    ("/webhooks/stripe", "cross-site", 200),
    ("/hooks/exactly", None, 419),  # near misses are still checked
    ("/hooks/exact/more", None, 419),
    ("/hooks/exact/", None, 419),  # same route (trailing slash), not the listed path
    ("/webhooksx/stripe", None, 419),
    ("/target", None, 419),
    ("/webhooks/x/../../target", None, 404),  # dot segments never reach /target unchecked
]


@pytest.mark.parametrize(("path", "site", "status"), EXCEPT_CASES)
async def test_the_except_list_is_honoured_exactly(
    send: Send, path: str, site: str | None, status: int
) -> None:
    headers = {"content-type": FORM, "accept": "application/json"}
    if site is not None:
        headers["sec-fetch-site"] = site
    result = await send("POST", path, headers=headers, body=b"name=x")
    assert result.status == status, result.body
