import os
from pathlib import Path
from typing import Any

import pytest

from orionis.config import env, load_environment, unload_environment

KEY = "ORIONIS_TEST_VALUE"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        ("(true)", True),
        ("(True)", True),
        ("false", False),
        ("False", False),
        ("(false)", False),
        ("null", None),
        ("NULL", None),
        ("(null)", None),
        ("empty", ""),
        ("Empty", ""),
        ("(empty)", ""),
        ("42", 42),
        ("-3", -3),
        ("0", 0),
        ("1.5", 1.5),
        ("-0.25", -0.25),
        ('"true"', "true"),
        ("'42'", "42"),
        ('"(null)"', "(null)"),
        ("'hello world'", "hello world"),
        ("'mismatched\"", "'mismatched\""),
        ('"', '"'),
        ("hello", "hello"),
        ("", ""),
        ("007", "007"),
        ("1e5", "1e5"),
        ("1.", "1."),
        ("12abc", "12abc"),
        ("1_000", "1_000"),
        ("truthy", "truthy"),
    ],
)
def test_env_casts_like_laravel(monkeypatch: pytest.MonkeyPatch, raw: str, expected: Any) -> None:
    monkeypatch.setenv(KEY, raw)
    value = env(KEY)
    assert value == expected
    assert type(value) is type(expected)


def test_env_returns_default_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY, raising=False)
    assert env(KEY) is None
    assert env(KEY, "fallback") == "fallback"


def test_env_returns_a_callable_default_without_calling_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(KEY, raising=False)

    def default() -> str:
        raise AssertionError("called")

    assert env(KEY, default) is default


def test_env_set_to_empty_string_is_not_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY, "")
    assert env(KEY, "fallback") == ""


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_missing_files_give_production_and_set_only_app_env(tmp_path: Path) -> None:
    before = dict(os.environ)
    assert load_environment(tmp_path) == "production"
    assert {k: v for k, v in os.environ.items() if k not in before} == {"APP_ENV": "production"}


def test_dot_env_values_are_loaded_and_cast_by_env(tmp_path: Path) -> None:
    write(tmp_path / ".env", "ORIONIS_TEST_DEBUG=true\nORIONIS_TEST_PORT=8000\n")
    load_environment(tmp_path)
    assert os.environ["ORIONIS_TEST_DEBUG"] == "true"
    assert env("ORIONIS_TEST_DEBUG") is True
    assert env("ORIONIS_TEST_PORT") == 8000


def test_app_env_from_dot_env_selects_the_override_file(tmp_path: Path) -> None:
    write(tmp_path / ".env", "APP_ENV=local\nORIONIS_TEST_A=base\nORIONIS_TEST_B=base\n")
    write(tmp_path / ".env.local", "ORIONIS_TEST_B=local\n")
    assert load_environment(tmp_path) == "local"
    assert os.environ["ORIONIS_TEST_A"] == "base"
    assert os.environ["ORIONIS_TEST_B"] == "local"
    assert os.environ["APP_ENV"] == "local"


def test_environment_argument_wins_over_dot_env(tmp_path: Path) -> None:
    write(tmp_path / ".env", "APP_ENV=local\nORIONIS_TEST_DB=main\n")
    write(tmp_path / ".env.local", "ORIONIS_TEST_DB=local\n")
    write(tmp_path / ".env.testing", "ORIONIS_TEST_DB=testing\n")
    assert load_environment(tmp_path, "testing") == "testing"
    assert os.environ["ORIONIS_TEST_DB"] == "testing"
    assert os.environ["APP_ENV"] == "testing"


def test_environment_argument_wins_over_real_app_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APP_ENV", "staging")
    write(tmp_path / ".env.testing", "ORIONIS_TEST_DB=testing\n")
    assert load_environment(tmp_path, "testing") == "testing"
    assert os.environ["ORIONIS_TEST_DB"] == "testing"


def test_real_app_env_wins_over_dot_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_ENV", "staging")
    write(tmp_path / ".env", "APP_ENV=local\n")
    write(tmp_path / ".env.staging", "ORIONIS_TEST_DB=staging\n")
    assert load_environment(tmp_path) == "staging"
    assert os.environ["ORIONIS_TEST_DB"] == "staging"
    assert os.environ["APP_ENV"] == "staging"


def test_real_environment_variables_win_over_both_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORIONIS_TEST_A", "real")
    monkeypatch.setenv("ORIONIS_TEST_B", "real")
    write(tmp_path / ".env", "APP_ENV=local\nORIONIS_TEST_A=file\n")
    write(tmp_path / ".env.local", "ORIONIS_TEST_B=file\n")
    load_environment(tmp_path)
    assert os.environ["ORIONIS_TEST_A"] == "real"
    assert os.environ["ORIONIS_TEST_B"] == "real"


def test_second_load_replaces_what_the_first_load_set(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    write(first / ".env", "ORIONIS_TEST_SHARED=first\nORIONIS_TEST_ONLY_FIRST=1\n")
    write(second / ".env", "ORIONIS_TEST_SHARED=second\n")
    load_environment(first)
    load_environment(second)
    assert os.environ["ORIONIS_TEST_SHARED"] == "second"
    assert "ORIONIS_TEST_ONLY_FIRST" not in os.environ


def test_second_load_keeps_a_variable_changed_since_the_first(tmp_path: Path) -> None:
    write(tmp_path / ".env", "ORIONIS_TEST_A=file\n")
    load_environment(tmp_path)
    os.environ["ORIONIS_TEST_A"] = "changed"
    load_environment(tmp_path)
    assert os.environ["ORIONIS_TEST_A"] == "changed"


def test_unload_environment_removes_what_the_loader_set(tmp_path: Path) -> None:
    write(tmp_path / ".env", "ORIONIS_TEST_A=file\n")
    load_environment(tmp_path)
    unload_environment()
    assert "ORIONIS_TEST_A" not in os.environ
    assert "APP_ENV" not in os.environ


def test_values_are_not_interpolated(tmp_path: Path) -> None:
    write(tmp_path / ".env", "ORIONIS_TEST_A=one\nORIONIS_TEST_B=${ORIONIS_TEST_A}/two\n")
    load_environment(tmp_path)
    assert os.environ["ORIONIS_TEST_B"] == "${ORIONIS_TEST_A}/two"


def test_quotes_inside_file_quotes_keep_a_value_uncast(tmp_path: Path) -> None:
    write(tmp_path / ".env", 'ORIONIS_TEST_A="true"\nORIONIS_TEST_B=\'"true"\'\n')
    load_environment(tmp_path)
    assert env("ORIONIS_TEST_A") is True
    assert env("ORIONIS_TEST_B") == "true"


def test_a_name_without_value_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / ".env", "ORIONIS_TEST_BARE\nORIONIS_TEST_A=1\n")
    load_environment(tmp_path)
    assert "ORIONIS_TEST_BARE" not in os.environ
    assert os.environ["ORIONIS_TEST_A"] == "1"
