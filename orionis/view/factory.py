"""Jinja2 templates found by dotted names under the configured view paths."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from orionis.support.suggest import did_you_mean
from orionis.view.errors import ViewError
from orionis.view.view import View

__all__ = ["ViewFactory", "template_file"]


def template_file(name: str) -> str:
    """``"users.show"`` -> ``"users/show.html"``; a name with a file extension is kept as is."""
    if name.endswith((".html", ".jinja", ".j2", ".txt", ".xml")):
        return name
    return name.replace(".", "/") + ".html"


class ViewFactory:
    """Makes views: ``factory.make("users.show", {"user": user})``."""

    def __init__(
        self, paths: Iterable[Path], *, cache: bool = True, autoescape: bool = True
    ) -> None:
        self.paths = [Path(p) for p in paths]
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in self.paths]),
            autoescape=autoescape,
            auto_reload=not cache,
        )

    def share(self, key: str, value: Any) -> None:
        """Make ``value`` available to every template as ``key``."""
        self.environment.globals[key] = value

    def exists(self, name: str) -> bool:
        """True when a template for ``name`` is found under the view paths."""
        try:
            self.environment.get_template(template_file(name))
        except jinja2.TemplateNotFound:
            return False
        return True

    def make(self, name: str, data: Mapping[str, Any] | None = None) -> View:
        """A view of template ``name`` with ``data``; rendering happens when it is sent."""
        return View(self, name, dict(data or {}))

    def render(self, name: str, data: Mapping[str, Any]) -> str:
        """Render template ``name`` with ``data`` to a string."""
        try:
            template = self.environment.get_template(template_file(name))
        except jinja2.TemplateNotFound as error:
            raise ViewError(self._not_found(name)) from error
        return template.render(data)

    def _not_found(self, name: str) -> str:
        known = [
            t.removesuffix(".html").replace("/", ".") for t in self.environment.list_templates()
        ]
        where = ", ".join(str(p) for p in self.paths) or "(no view paths configured)"
        return (
            f"View '{name}' not found: looked for {template_file(name)} in {where}."
            f"{did_you_mean(name, known)}"
        )
