"""``route:list``: the routes of the application as they were compiled at boot."""

from __future__ import annotations

import inspect
import json
from typing import Any

from orionis.console.command import Command, Option
from orionis.routing import CompiledRoute, RedirectAction, Router, ViewAction

__all__ = ["RouteList", "describe_action"]

HEADERS = ("Method", "Path", "Name", "Action", "Middleware")


class RouteList(Command):
    """``reactor route:list [--method GET] [--name users.] [--path /users] [--json]``."""

    name = "route:list"
    description = "List the routes: method, path, name, action and middleware."
    options = [
        Option("--method", help="Only routes answering this HTTP method."),
        Option("--name", help="Only routes whose name contains this text."),
        Option("--path", help="Only routes whose path contains this text."),
        Option("--json", "as_json", is_flag=True, help="Print the routes as JSON."),
    ]

    def handle(
        self,
        method: str | None,
        name: str | None,
        path: str | None,
        as_json: bool,
        router: Router,
    ) -> None:
        everything = [*router.routes, *([router.fallback] if router.fallback else [])]
        routes = [r for r in everything if _selected(r, method, name, path)]
        rows = [describe_route(route, fallback=route is router.fallback) for route in routes]
        if as_json:
            self.line(json.dumps(rows, indent=2))
        elif not rows:
            self.warn("No routes match." if everything else "The application has no routes.")
        else:
            self.table(HEADERS, [_cells(row) for row in rows])


def describe_route(route: CompiledRoute, *, fallback: bool = False) -> dict[str, Any]:
    """One route as plain data: methods, path, name, action, middleware (as declared)."""
    without = set(route.without_middleware)
    return {
        "methods": list(route.methods),
        "path": "(fallback)" if fallback else route.path,
        "name": route.name,
        "action": describe_action(route.action),
        "middleware": [_label(m) for m in route.middleware if m not in without],
    }


def describe_action(action: object) -> str:
    """``module.Controller@method``, ``module.function``, ``view: home``, ``redirect: /x``."""
    if isinstance(action, ViewAction):
        return f"view: {action.template}"
    if isinstance(action, RedirectAction):
        return f"redirect: {action.to} ({action.status})"
    if isinstance(action, tuple):
        controller, method = action
        return f"{_label(controller)}@{method}"
    return _label(action)


def _label(value: object) -> str:
    if inspect.isclass(value) or inspect.isroutine(value):
        return f"{value.__module__}.{value.__qualname__}"
    return str(value)


def _selected(route: CompiledRoute, method: str | None, name: str | None, path: str | None) -> bool:
    return (
        (method is None or method.upper() in route.methods)
        and (name is None or name in (route.name or ""))
        and (path is None or path in route.path)
    )


def _cells(row: dict[str, Any]) -> list[str]:
    return [
        "|".join(row["methods"]),
        row["path"],
        row["name"] or "",
        row["action"],
        ", ".join(row["middleware"]),
    ]
