"""Reading ``config/*.py``: each module's public lowercase names become a section's keys."""

import __future__

import importlib.util
import inspect
import sys
from pathlib import Path
from types import ModuleType
from typing import Any
from uuid import uuid4

from orionis.config.env import EnvRead, recording_env_reads
from orionis.config.errors import ConfigError

__all__ = ["config_files", "display_path", "load_config"]


def config_files(config_path: Path) -> dict[str, Path]:
    """The section files in ``config_path``: ``{section: path}``, skipping names starting ``_``."""
    if not config_path.is_dir():
        return {}
    return {
        path.stem: path
        for path in sorted(config_path.glob("*.py"))
        if not path.name.startswith("_")
    }


def load_config(
    config_path: Path, env_reads: dict[str, list[EnvRead]] | None = None
) -> dict[str, dict[str, Any]]:
    """Run every ``config/*.py`` and return ``{section: {key: value}}``.

    Each file runs as a fresh module under a unique name, registered in ``sys.modules`` only
    while it runs (so dataclasses and typing inside it work), so two applications in one process
    each read their own files. Keys are the module's names that start with a lowercase letter,
    without modules and without functions or classes imported from elsewhere. When
    ``env_reads`` is given, it receives each section's ``env()`` reads, so that validation can
    name the variable behind a wrong value.
    """
    sections: dict[str, dict[str, Any]] = {}
    for name, path in config_files(config_path).items():
        with recording_env_reads() as reads:
            sections[name] = _section(_run(path))
        if env_reads is not None:
            env_reads[name] = reads
    return sections


def display_path(path: Path) -> str:
    """``config/app.py``: how error messages name a config file."""
    return f"{path.parent.name}/{path.name}"


def _run(path: Path) -> ModuleType:
    name = f"orionis_config_{path.stem}_{uuid4().hex}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None:
        raise ConfigError(f"{display_path(path)}: cannot be loaded as a Python module.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        # Compiled from source each time: a cached .pyc is keyed by mtime and size, so an edit
        # within the same second could be missed; config files are small.
        exec(compile(path.read_bytes(), str(path), "exec", dont_inherit=True), vars(module))
    except Exception as error:
        raise ConfigError(
            f"{display_path(path)}: loading failed with {type(error).__name__}: {error}. "
            "Fix that file; the traceback above shows the line."
        ) from error
    finally:
        sys.modules.pop(name, None)
    return module


def _section(module: ModuleType) -> dict[str, Any]:
    own = module.__name__
    return {name: value for name, value in vars(module).items() if _is_key(name, value, own)}


def _is_key(name: str, value: Any, own: str) -> bool:
    if not name[0].islower() or isinstance(value, ModuleType):
        return False
    if value is __future__.annotations:
        return False
    if isinstance(value, type) or inspect.isroutine(value):
        return getattr(value, "__module__", None) == own
    return True
