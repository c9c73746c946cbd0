"""``config:show``: the configuration as the application reads it, secrets masked."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator, Mapping
from typing import Any

from orionis.config.secrets import MASK, looks_secret, mask_url_passwords
from orionis.console.command import Argument, Command, Option
from orionis.foundation.application import Application
from orionis.support.suggest import did_you_mean

__all__ = ["MASK", "ConfigShow", "masked"]


class ConfigShow(Command):
    """``reactor config:show [section] [--json]``."""

    name = "config:show"
    description = "Show the configuration, or one section of it, with secrets masked."
    # The configuration is read when the application is created; no boot needed.
    boots = False
    arguments = [Argument("section", required=False, help="Only this section, e.g. app.")]
    options = [Option("--json", "as_json", is_flag=True, help="Print the values as JSON.")]

    def handle(self, section: str | None, as_json: bool, app: Application) -> None:
        sections = app.config.all()
        if section is not None:
            if section not in sections:
                self.fail(
                    f"No config section '{section}'.{did_you_mean(section, sections)} "
                    f"Sections: {', '.join(sorted(sections))}."
                )
            sections = {section: sections[section]}
        values = {name: masked(values, (name,)) for name, values in sorted(sections.items())}
        if as_json:
            self.line(json.dumps(values, indent=2, default=describe))
            return
        for index, (name, items) in enumerate(values.items()):
            if index:
                self.line()
            self.definitions(name, _flatten(items, name))


def masked(value: Any, path: tuple[str, ...]) -> Any:
    """``value`` with every secret replaced by `MASK`: values under a secret-looking key (the
    debug page's rule, `looks_secret`), strings that look like ``base64:...`` keys, and the
    password inside URLs such as ``redis://:pw@host``."""
    if path and looks_secret(path[-1]):
        return MASK
    if isinstance(value, Mapping):
        return {str(k): masked(v, (*path, str(k))) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [masked(item, path) for item in value]
    if isinstance(value, str):
        return MASK if value.startswith("base64:") else mask_url_passwords(value)
    return value


def describe(value: Any) -> str:
    """A value as text: classes and functions by dotted name, None as null, bools lowercase."""
    if inspect.isclass(value) or inspect.isroutine(value):
        return f"{value.__module__}.{value.__qualname__}"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(describe(item) for item in value) + "]"
    return str(value)


def _flatten(values: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, str]]:
    for key, value in values.items():
        path = f"{prefix}.{key}"
        if isinstance(value, Mapping) and value:
            yield from _flatten(value, path)
        else:
            yield path, describe(value) if value != {} else "{}"
