"""``make:middleware``: a middleware class in app/http/middleware/."""

from __future__ import annotations

from orionis.console.commands.generator import GeneratorCommand, render_stub
from orionis.foundation.application import Application

__all__ = ["MakeMiddleware"]


class MakeMiddleware(GeneratorCommand):
    """``reactor make:middleware EnsureTokenIsValid [--force]``."""

    name = "make:middleware"
    description = "Create a middleware class in app/http/middleware/."
    kind = "Middleware"
    folder = ("app", "http", "middleware")

    def handle(self, name: str, force: bool, app: Application) -> None:
        target = self.target(app, name)
        self.write(app, target, render_stub("middleware", class_name=target.class_name), force)
        self.comment(
            f"Use it in config/http.py (middleware, middleware_groups or middleware_aliases) "
            f"or on a route: .middleware({target.class_name})"
        )
