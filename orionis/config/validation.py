"""Applying the framework's defaults to the app's config, and validating it, at boot."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from orionis.config.errors import ConfigError
from orionis.config.loader import display_path
from orionis.config.schema import schema_of
from orionis.config.sections import SECTIONS

__all__ = ["apply_defaults_and_validate"]


def apply_defaults_and_validate(
    raw: dict[str, dict[str, Any]], files: Mapping[str, Path]
) -> dict[str, dict[str, Any]]:
    """Overlay each framework section's defaults with the app's keys, and check every value.

    ``raw`` is what ``load_config`` returned; ``files`` maps a section to its file, for the
    messages. Sections the framework does not know (``database``…) pass through untouched.
    Every problem in every file is collected into one ``ConfigError``, one line each:
    unknown keys (with a close-name suggestion), wrong types, values outside allowed ones.
    """
    result = dict(raw)
    problems: list[str] = []
    for name, section in SECTIONS.items():
        schema = schema_of(section)
        values = raw.get(name, {})
        found = schema.problems(values)
        if found:
            where = display_path(files[name]) if name in files else f"config/{name}.py"
            problems.extend(f"{where}: {problem}" for problem in found)
        else:
            result[name] = schema.apply(values)
    if problems:
        raise ConfigError("\n".join(problems))
    return result
