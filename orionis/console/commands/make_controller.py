"""``make:controller``: a controller class in app/http/controllers/."""

from __future__ import annotations

import keyword

from orionis.console.command import Option
from orionis.console.commands.generator import (
    FORCE,
    GeneratorCommand,
    render_stub,
    snake_case,
)
from orionis.foundation.application import Application

__all__ = ["MakeController"]


class MakeController(GeneratorCommand):
    """``reactor make:controller UserController [--resource | --api] [--force]``."""

    name = "make:controller"
    description = "Create a controller class in app/http/controllers/."
    kind = "Controller"
    folder = ("app", "http", "controllers")
    options = [
        FORCE,
        Option("--resource", "-r", is_flag=True, help="With the seven resource actions."),
        Option("--api", is_flag=True, help="With the five API resource actions (no forms)."),
    ]

    def handle(self, name: str, force: bool, resource: bool, api: bool, app: Application) -> None:
        target = self.target(app, name)
        stub = "controller.api" if api else "controller.resource" if resource else "controller"
        param = snake_case(target.class_name.removesuffix("Controller"))
        if not param.isidentifier() or keyword.iskeyword(param):
            param = "id"
        content = render_stub(stub, class_name=target.class_name, param=param)
        self.write(app, target, content, force)
        self.comment(_route_hint(target.class_name, param, resource=resource or api, api=api))


def _route_hint(class_name: str, param: str, *, resource: bool, api: bool) -> str:
    if resource:
        plural = f"{param}s"
        method = "api_resource" if api else "resource"
        return f'Route it in a routes file: Route.{method}("{plural}", {class_name})'
    return f'Route it in a routes file: Route.get("/", ({class_name}, "index"))'
