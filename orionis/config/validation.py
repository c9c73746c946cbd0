"""Applying the framework's defaults to the app's config, and validating it, at boot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from orionis.config.env import EnvRead
from orionis.config.errors import ConfigError
from orionis.config.loader import display_path
from orionis.config.schema import Schema, schema_of
from orionis.config.secrets import looks_secret
from orionis.config.sections import SECTIONS

__all__ = ["apply_defaults_and_validate"]


def apply_defaults_and_validate(
    raw: dict[str, dict[str, Any]],
    files: Mapping[str, Path],
    env_reads: Mapping[str, Sequence[EnvRead]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Overlay each framework section's defaults with the app's keys, and check every value.

    ``raw`` is what ``load_config`` returned; ``files`` maps a section to its file, for the
    messages. Sections the framework does not know (``database``…) pass through untouched.
    Every problem in every file is collected into one ``ConfigError``, one line each:
    unknown keys (with a close-name suggestion), wrong types, values outside allowed ones.
    With ``env_reads`` (from ``load_config``), a wrong value that came from ``env()`` also
    names its variable (``SESSION_LIFETIME``) and what it must hold; secrets are not shown.
    """
    result = dict(raw)
    problems: list[str] = []
    for name, section in SECTIONS.items():
        schema = schema_of(section)
        values = raw.get(name, {})
        found = schema.keyed_problems(values)
        if found:
            where = display_path(files[name]) if name in files else f"config/{name}.py"
            reads = (env_reads or {}).get(name, ())
            problems.extend(
                f"{where}: {_explain(schema, key, problem, values, reads)}"
                for key, problem in found
            )
        else:
            result[name] = schema.apply(values)
    if problems:
        raise ConfigError("\n".join(problems))
    return result


def _explain(
    schema: Schema, key: str, problem: str, values: Mapping[str, Any], reads: Sequence[EnvRead]
) -> str:
    rule = schema.rules.get(key)
    if rule is None or key not in values:
        return problem
    value = values[key]
    source = _source_of(value, reads)
    if looks_secret(key) or (source is not None and looks_secret(source.name)):
        problem = f"{key!r} must be {rule.check.expected}, got {type(value).__name__} (hidden)."
    if source is None:
        return problem
    shown = "(hidden)" if looks_secret(source.name) else repr(source.raw)
    return (
        f"{problem} It comes from {source.name}={shown} (the environment or .env): "
        f"{source.name} must hold {rule.check.expected}."
    )


def _source_of(value: Any, reads: Sequence[EnvRead]) -> EnvRead | None:
    # The very object env() returned first (a string passes through unchanged), then an equal
    # value of the same type (small ints and floats are not always the same object).
    for read in reads:
        if read.value is value:
            return read
    for read in reads:
        if type(read.value) is type(value) and read.value == value:
            return read
    return None
