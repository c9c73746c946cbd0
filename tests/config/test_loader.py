import sys
from collections import OrderedDict
from pathlib import Path
from textwrap import dedent

import pytest

from orionis.config import ConfigError, config_files, load_config
from orionis.config.loader import display_path


def write(folder: Path, name: str, source: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(dedent(source), encoding="utf-8")
    return path


def test_public_lowercase_names_become_keys(tmp_path: Path) -> None:
    write(
        tmp_path,
        "app.py",
        """
        from __future__ import annotations

        import os
        from collections import OrderedDict, defaultdict
        from functools import partial
        from os.path import join
        from pathlib import Path

        from orionis.config import env

        CONSTANT = 1
        _private = 2
        name = "Orionis"
        debug = False
        maxItems = 3
        providers = [Path, OrderedDict]
        aliases = {"path": Path}
        nothing = None


        def startup() -> None:
            pass


        class lowercase_local:
            pass
        """,
    )
    section = load_config(tmp_path)["app"]
    assert list(section) == [
        "name",
        "debug",
        "maxItems",
        "providers",
        "aliases",
        "nothing",
        "startup",
        "lowercase_local",
    ]
    assert section["providers"] == [Path, OrderedDict]
    assert section["aliases"] == {"path": Path}
    assert callable(section["startup"])


def test_every_python_file_is_a_section_except_private_ones(tmp_path: Path) -> None:
    write(tmp_path, "app.py", "name = 'a'\n")
    write(tmp_path, "database.py", "driver = 'pgsql'\n")
    write(tmp_path, "_shared.py", "value = 1\n")
    write(tmp_path, "notes.txt", "value = 1\n")
    assert load_config(tmp_path) == {"app": {"name": "a"}, "database": {"driver": "pgsql"}}


def test_a_missing_folder_has_no_sections(tmp_path: Path) -> None:
    assert load_config(tmp_path / "config") == {}
    assert config_files(tmp_path / "config") == {}


def test_config_files_maps_sections_to_their_paths(tmp_path: Path) -> None:
    app = write(tmp_path, "app.py", "")
    http = write(tmp_path, "http.py", "")
    write(tmp_path, "_helpers.py", "")
    assert config_files(tmp_path) == {"app": app, "http": http}


def test_each_load_reads_its_own_files(tmp_path: Path) -> None:
    write(tmp_path / "one", "app.py", "name = 'one'\n")
    write(tmp_path / "two", "app.py", "name = 'two'\n")
    assert load_config(tmp_path / "one")["app"]["name"] == "one"
    assert load_config(tmp_path / "two")["app"]["name"] == "two"
    assert not [name for name in sys.modules if name.startswith("orionis_config_")]


def test_an_edited_file_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Same size, same second: a cached .pyc would hide the edit.
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    write(tmp_path, "app.py", "size = 1\n")
    assert load_config(tmp_path)["app"]["size"] == 1
    write(tmp_path, "app.py", "size = 2\n")
    assert load_config(tmp_path)["app"]["size"] == 2
    assert not (tmp_path / "__pycache__").exists()


def test_a_config_file_can_define_dataclasses(tmp_path: Path) -> None:
    write(
        tmp_path,
        "database.py",
        """
        from __future__ import annotations

        from dataclasses import dataclass


        @dataclass(frozen=True)
        class Connection:
            host: str
            port: int = 5432


        default = Connection("db")
        """,
    )
    assert load_config(tmp_path)["database"]["default"].port == 5432


def test_a_config_file_reads_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORIONIS_TEST_DEBUG", "true")
    write(tmp_path, "app.py", "from orionis.config import env\ndebug = env('ORIONIS_TEST_DEBUG')\n")
    assert load_config(tmp_path)["app"]["debug"] is True


def test_a_file_that_raises_names_the_file_and_chains_the_cause(tmp_path: Path) -> None:
    write(tmp_path, "app.py", "ratio = 1 / 0\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path.name}/app.py: loading failed with ZeroDivisionError: division by zero. "
        "Fix that file; the traceback above shows the line."
    )
    assert isinstance(caught.value.__cause__, ZeroDivisionError)
    assert not [name for name in sys.modules if name.startswith("orionis_config_")]


def test_a_file_with_a_syntax_error_names_the_file(tmp_path: Path) -> None:
    write(tmp_path / "config", "http.py", "middleware = [\n")
    with pytest.raises(ConfigError, match=r"^config/http\.py: loading failed with SyntaxError"):
        load_config(tmp_path / "config")


def test_display_path_names_the_folder_and_the_file() -> None:
    assert display_path(Path("/srv/site/config/app.py")) == "config/app.py"
