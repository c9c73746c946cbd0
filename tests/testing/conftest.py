"""A small project on disk for the toolkit's tests: routes for cookies, errors, middleware,
uploads, validation, views and sessions, with no imports from the skeleton's own packages."""

from __future__ import annotations

import textwrap
from collections.abc import AsyncIterator, Mapping
from pathlib import Path

import pytest

from orionis import Application
from orionis.foundation import Runtime
from orionis.testing import create_application, instrument, isolated_process

FILES: dict[str, str] = {
    "bootstrap/app.py": """
        from pathlib import Path

        from orionis import Application

        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.with_routing(web="routes/web.py")
    """,
    "config/app.py": """
        from orionis.config import env

        name = env("APP_NAME", "Demo")
        debug = env("APP_DEBUG", False)
        key = env("APP_KEY", "")
        providers: list = []
    """,
    ".env": "APP_NAME=Demo from .env\nDEMO_FLAG=from-dotenv\n",
    "config/session.py": """
        from orionis.config import env

        driver = env("SESSION_DRIVER", "file")
    """,
    # A key that encrypts nothing but these tests' cookies.
    ".env.testing": (
        "APP_NAME=Demo under test\n"
        "APP_KEY=base64:RzxRzgnHh63i8Eihoskk899+ZES5EPNs0RIXr4r3l/U=\n"
        "SESSION_DRIVER=memory\n"
    ),
    "resources/views/greeting.html": "<p>Hello, {{ name }}!</p>\n",
    "routes/web.py": """
        from orionis import view
        from orionis.http import JsonResponse, Request, Response
        from orionis.routing import Route


        class Deny:
            async def handle(self, request, next):
                return Response("denied", status=403)


        class Stamp:
            async def handle(self, request, next):
                response = await next(request)
                response.headers["x-stamp"] = "yes"
                return response


        def set_cookie() -> Response:
            return Response("set").set_cookie("flavour", "oat")


        def forget_cookie() -> Response:
            return Response("gone").delete_cookie("flavour")


        def show_cookies(request: Request) -> dict:
            return {"cookies": request.cookies}


        def echo(request: Request) -> dict:
            return {"header": request.headers.get("x-test"), "input": request.all()}


        async def upload(request: Request) -> dict:
            file = request.file("avatar")
            return {"name": file.filename, "type": file.content_type}


        def boom() -> str:
            raise RuntimeError("kaboom")


        def invalid() -> JsonResponse:
            errors = {"email": ["The email field is required."]}
            return JsonResponse({"message": "Invalid.", "errors": errors}, status=422)


        def greet(name: str):
            return view("greeting", {"name": name})


        def environment() -> dict:
            import os

            from orionis import config

            return {"env": config("app.env"), "name": config("app.name"),
                    "flag": os.environ.get("DEMO_FLAG")}


        def show_session(request: Request) -> dict:
            data = request.session.all()
            return {key: value for key, value in data.items() if not key.startswith("_")}


        def put_session(request: Request) -> str:
            request.session.put(request.all())
            return "saved"


        def forget_session(request: Request) -> str:
            request.session.forget(request.input("key"))
            return "forgotten"


        def flash_status(request: Request) -> Response:
            request.session.flash("status", "Saved")
            return Response("", status=302, headers={"location": "/session"})


        Route.get("/cookie/set", set_cookie)
        Route.get("/cookie/forget", forget_cookie)
        Route.get("/cookie/show", show_cookies)
        Route.post("/echo", echo)
        Route.post("/upload", upload)
        Route.get("/boom", boom)
        Route.get("/invalid", invalid)
        Route.get("/greet/{name}", greet).name("greet")
        Route.get("/environment", environment)
        Route.get("/denied", lambda: "secret").middleware(Deny, Stamp)
        Route.get("/go", lambda: Response("", status=302, headers={"location": "/greet/Ada"}))
        Route.get("/session", show_session).middleware("cookies", "session")
        Route.post("/session", put_session).middleware("cookies", "session")
        Route.post("/session/forget", forget_session).middleware("cookies", "session")
        Route.post("/session/flash", flash_status).middleware("cookies", "session")
    """,
}


def write_project(root: Path, files: Mapping[str, str]) -> Path:
    """Write ``files`` (dedented) under ``root``; returns ``root``."""
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip())
    return root


@pytest.fixture
def demo_root(tmp_path: Path) -> Path:
    """The demo project's folder."""
    return write_project(tmp_path / "demo", FILES)


@pytest.fixture
async def demo_app(demo_root: Path) -> AsyncIterator[Application]:
    """The demo application, built, instrumented and booted as the `app` fixture does."""
    with isolated_process():
        app = create_application(demo_root / "bootstrap" / "app.py")
        instrument(app)
        await app.boot(Runtime.HTTP)
        yield app
        await app.shutdown()
