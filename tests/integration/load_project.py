"""The small project the load-with-faults test and ``make soak`` serve with ``reactor serve``.

Good routes, each answering 200 with the ``load-ok`` marker in its body:

- ``GET /api/items``: JSON (api group, empty here so that no throttle answers 429 under load);
- ``GET /page``: a Jinja2 page with a CSRF form (web group: cookies, session, csrf);
- ``POST /form``: the urlencoded form of that page, its ``_token`` checked by the csrf
  middleware, answered with JSON.

Fault routes: ``GET /api/boom`` raises (500), and ``POST /api/echo`` reads a JSON body, which
the fault clients send only in part before they disconnect. Sessions use the ``cookie`` driver:
the server keeps nothing per client, so its memory shows the framework's own growth only.
"""

from __future__ import annotations

from pathlib import Path

from tests.integration.projects import write_project

__all__ = [
    "FAULT_MESSAGE",
    "FILES",
    "FORM_PAGE",
    "MARKER",
    "PARTIAL_NAME",
    "RAISING_PATH",
    "TALLY_PATH",
    "good_requests",
    "partial_requests",
    "write_load_project",
]

MARKER = "load-ok"
"""In the body of every good route's response."""

FAULT_MESSAGE = "planned fault for the load test"
"""The message of the exception ``/api/boom`` raises (never shown to the client)."""

FORM_PAGE = "/page"
"""The page whose response starts a session and holds the form's CSRF token."""

RAISING_PATH = "/api/boom"

PARTIAL_NAME = "partial"
"""The ``name`` field of the forms sent in part: ``/api/tally`` counts stored forms by name,
and a form cut short must never be stored."""

TALLY_PATH = "/api/tally"

_FORM_TYPE = "application/x-www-form-urlencoded"
_PROMISED = 8192
"""The ``Content-Length`` of a request sent in part: far more than is ever sent."""

FILES = {
    "config/app.py": """
        from orionis.config import env

        name = "Orionis Load"
        debug = env("APP_DEBUG", False)
        url = env("APP_URL", "http://127.0.0.1")
        key = env("APP_KEY", "")
    """,
    "config/http.py": """
        middleware = ["trust_proxies", "trust_hosts"]
        middleware_groups = {"web": ["cookies", "session", "csrf"], "api": []}
        trusted_hosts = ["127.0.0.1"]
    """,
    "config/session.py": """
        driver = "cookie"
    """,
    "app/tally.py": """
        from collections import Counter

        # What this worker saw, for GET /api/tally: errors by class, forms stored by name.
        errors: Counter[str] = Counter()
        stored: Counter[str] = Counter()
    """,
    "app/exceptions/__init__.py": "",
    "app/exceptions/handler.py": """
        from orionis.http import ExceptionHandler, Request

        from app import tally


        class Handler(ExceptionHandler):
            def render(self, request: Request, error: BaseException) -> None:
                tally.errors[type(error).__name__] += 1
                return None
    """,
    "bootstrap/app.py": """
        from pathlib import Path

        from orionis import Application

        from app.exceptions.handler import Handler

        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.with_routing(web="routes/web.py", api="routes/api.py", health="/up")
        app.with_exceptions(Handler)
    """,
    "routes/api.py": f"""
        from orionis.http import Request
        from orionis.routing import Route

        from app import tally


        async def items() -> dict[str, object]:
            rows = [{{"id": i, "name": f"Item {{i}}"}} for i in range(10)]
            return {{"marker": "{MARKER}", "items": rows}}


        async def boom() -> None:
            raise RuntimeError("{FAULT_MESSAGE}")


        async def echo(request: Request) -> dict[str, object]:
            return {{"marker": "{MARKER}", "echo": await request.json()}}


        async def counts() -> dict[str, object]:
            return {{"errors": dict(tally.errors), "stored": dict(tally.stored)}}


        Route.get("/items", items)
        Route.get("/boom", boom)
        Route.post("/echo", echo)
        Route.get("/tally", counts)
    """,
    "routes/web.py": f"""
        from orionis import view
        from orionis.http import Request
        from orionis.routing import Route
        from orionis.view import View

        from app import tally


        async def page() -> View:
            rows = [{{"name": f"Row {{i}}", "value": i * 7}} for i in range(10)]
            return view("page", {{"title": "Load", "rows": rows}})


        async def store(request: Request) -> dict[str, object]:
            name = str(request.input("name", ""))
            note = str(request.input("note", ""))
            tally.stored[name] += 1
            return {{"marker": "{MARKER}", "name": name, "note_length": len(note)}}


        Route.get("/page", page)
        Route.post("/form", store)
    """,
    "resources/views/page.html": f"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{{{{ title }}}}</title></head>
        <body>
        <h1>{{{{ title }}}}</h1>
        <p class="marker">{MARKER}</p>
        <ul>
        {{% for row in rows %}}<li>{{{{ row.name }}}}: {{{{ row.value }}}}</li>
        {{% endfor %}}</ul>
        <form method="post" action="/form">
        {{{{ csrf_field() }}}}
        <input name="name"><textarea name="note"></textarea>
        <button type="submit">Save</button>
        </form>
        </body>
        </html>
    """,
}


def write_load_project(root: Path) -> Path:
    """Write the project under ``root``; return ``root``."""
    return write_project(root, FILES)


def good_requests(cookie: str, token: str) -> list[tuple[str, str, dict[str, str], str | None]]:
    """The requests wrk cycles over, as (method, path, headers, body): the JSON GET, the form
    POST (with the session's cookie and CSRF token) and the template GET, each answered 200."""
    session = {"Cookie": cookie}
    form = f"_token={token}&name=load&note=" + "n" * 200
    return [
        ("GET", "/api/items", {"Accept": "application/json"}, None),
        ("POST", "/form", {**session, "Content-Type": _FORM_TYPE}, form),
        ("GET", FORM_PAGE, session, None),
    ]


def partial_requests(host: str, cookie: str, token: str) -> list[bytes]:
    """Raw requests that promise a larger body than they carry: a valid form (right token,
    ``name=partial``) and a JSON document, each cut off mid-value."""
    form = f"_token={token}&name={PARTIAL_NAME}&note=".encode() + b"p" * 300
    document = b'{"note": "' + b"j" * 300
    return [
        _head("/form", host, {"Cookie": cookie, "Content-Type": _FORM_TYPE}) + form,
        _head("/api/echo", host, {"Content-Type": "application/json"}) + document,
    ]


def _head(path: str, host: str, headers: dict[str, str]) -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}", f"Content-Length: {_PROMISED}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()
