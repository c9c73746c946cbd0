"""Jinja2 templates found by dotted names under the configured view paths."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from time import perf_counter
from typing import Any

import jinja2

from orionis.support.suggest import did_you_mean
from orionis.view.errors import ViewError
from orionis.view.view import View

__all__ = ["SLOW_RENDERS", "Composer", "ViewFactory", "template_file"]

# Renders in a row over the threshold before a template is rendered in a worker thread.
SLOW_RENDERS = 3

Composer = Callable[[View], object]
"""``composer(view)``: adds data to a view just before it renders."""


def template_file(name: str) -> str:
    """``"users.show"`` -> ``"users/show.html"``; a name with a file extension is kept as is."""
    if name.endswith((".html", ".jinja", ".j2", ".txt", ".xml")):
        return name
    return name.replace(".", "/") + ".html"


class ViewFactory:
    """Makes views: ``factory.make("users.show", {"user": user})``."""

    def __init__(
        self,
        paths: Iterable[Path],
        *,
        cache: bool = True,
        autoescape: bool = True,
        offload_after_ms: float = 5.0,
    ) -> None:
        self.paths = [Path(p) for p in paths]
        # Jinja2's async mode still renders on the event loop (10,000 rows: 72 ms against 51 ms
        # sync, the loop stalled throughout); a worker thread stalls it for ~9 ms but costs
        # ~175 µs per render. So a template renders inline until one render takes longer than
        # this, and is streamed from a worker thread from then on.
        self.offload_after = offload_after_ms / 1000
        self._slow: set[str] = set()
        self._slow_renders: dict[str, int] = {}
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in self.paths]),
            autoescape=autoescape,
            auto_reload=not cache,
        )
        self._rendering: list[Callable[[str, Mapping[str, Any]], object]] = []
        self._composers: list[tuple[str, Composer]] = []
        self._matched: dict[str, tuple[Composer, ...]] = {}

    def share(self, key: str, value: Any) -> None:
        """Make ``value`` available to every template as ``key``."""
        self.environment.globals[key] = value

    def rendering(self, callback: Callable[[str, Mapping[str, Any]], object]) -> None:
        """Call ``callback(name, data)`` each time a view is about to render.

        The testing client records which views a response rendered with it.
        """
        self._rendering.append(callback)

    def composer(self, views: str | Iterable[str], callback: Composer) -> None:
        """Call ``callback(view)`` before rendering each view whose name matches ``views``
        (``"users.show"``, ``"users.*"``, ``"*"``); it may add data with ``view.with_()``."""
        for pattern in [views] if isinstance(views, str) else views:
            self._composers.append((pattern, callback))
        self._matched.clear()

    def _composers_for(self, name: str) -> tuple[Composer, ...]:
        # Matched once per view name, not per render.
        found = self._matched.get(name)
        if found is None:
            found = tuple(c for pattern, c in self._composers if fnmatch.fnmatchcase(name, pattern))
            self._matched[name] = found
        return found

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
        """Render template ``name`` with ``data`` to a string (noting whether it is slow)."""
        template, data = self._prepare(name, data)
        started = perf_counter()
        html = template.render(data)
        if perf_counter() - started > self.offload_after:
            # Several slow renders in a row, so that one stall of a busy machine does not move a
            # small page to a thread for good.
            count = self._slow_renders[name] = self._slow_renders.get(name, 0) + 1
            if count >= SLOW_RENDERS:
                self._slow.add(name)
        elif name in self._slow_renders:
            del self._slow_renders[name]
        return html

    def is_slow(self, name: str) -> bool:
        """True once ``SLOW_RENDERS`` renders of ``name`` in a row took longer than
        ``offload_after_ms``."""
        return name in self._slow

    def chunks(self, name: str, data: Mapping[str, Any]) -> Iterator[str]:
        """Template ``name`` rendered piece by piece, for a worker thread to iterate."""
        template, data = self._prepare(name, data)
        return template.generate(data)

    def _prepare(
        self, name: str, data: Mapping[str, Any]
    ) -> tuple[jinja2.Template, Mapping[str, Any]]:
        composers = self._composers_for(name) if self._composers else ()
        if composers:
            view = View(self, name, dict(data))
            for compose in composers:
                compose(view)
            data = view.data
        for callback in self._rendering:
            callback(name, data)
        try:
            template = self.environment.get_template(template_file(name))
        except jinja2.TemplateNotFound as error:
            raise ViewError(self._not_found(name)) from error
        return template, data

    def _not_found(self, name: str) -> str:
        known = [
            t.removesuffix(".html").replace("/", ".") for t in self.environment.list_templates()
        ]
        where = ", ".join(str(p) for p in self.paths) or "(no view paths configured)"
        return (
            f"View '{name}' not found: looked for {template_file(name)} in {where}."
            f"{did_you_mean(name, known)}"
        )
