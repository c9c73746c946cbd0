from pathlib import Path
from typing import Any

import pytest

from orionis.config import ConfigError, apply_defaults_and_validate

FILES = {name: Path("/srv/site/config") / f"{name}.py" for name in ("app", "http", "logging")}


def validate(raw: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return apply_defaults_and_validate(raw, FILES)


def error_of(raw: dict[str, dict[str, Any]]) -> str:
    with pytest.raises(ConfigError) as caught:
        validate(raw)
    return str(caught.value)


def test_defaults_fill_every_framework_section() -> None:
    sections = validate({})
    assert set(sections) == {
        "app",
        "broadcasting",
        "cache",
        "http",
        "logging",
        "session",
        "view",
        "websockets",
    }
    assert sections["app"]["name"] == "Orionis"
    assert sections["http"]["middleware_groups"] == {"web": [], "api": []}
    assert sections["logging"]["level"] == "INFO"
    assert sections["view"]["paths"] == ["resources/views"]


def test_the_apps_values_overlay_the_defaults() -> None:
    class Provider:
        pass

    sections = validate({"app": {"debug": True, "providers": [Provider]}})
    assert sections["app"]["debug"] is True
    assert sections["app"]["providers"] == [Provider]
    assert sections["app"]["name"] == "Orionis"


def test_middleware_groups_keep_the_default_groups_the_app_leaves_out() -> None:
    sections = validate({"http": {"middleware_groups": {"web": ["session"], "admin": ["auth"]}}})
    assert sections["http"]["middleware_groups"] == {
        "web": ["session"],
        "api": [],
        "admin": ["auth"],
    }


def test_user_sections_pass_through_untouched() -> None:
    database = {"connections": {"pgsql": {"host": "db"}}, "Weird": object()}
    sections = validate({"database": database})
    assert sections["database"] is database


def test_defaults_are_fresh_for_each_application() -> None:
    first = validate({})
    first["app"]["providers"].append(object)
    first["http"]["middleware_groups"]["web"].append("x")
    second = validate({})
    assert second["app"]["providers"] == []
    assert second["http"]["middleware_groups"] == {"web": [], "api": []}


def test_the_input_is_not_modified() -> None:
    raw: dict[str, dict[str, Any]] = {"app": {"debug": True}}
    validate(raw)
    assert raw == {"app": {"debug": True}}


def test_an_unknown_key_names_the_file_suggests_and_lists_allowed_keys() -> None:
    assert error_of({"http": {"middlware": []}}) == (
        "config/http.py: unknown key 'middlware'. Did you mean 'middleware', "
        "'middleware_groups', 'middleware_aliases'? Allowed keys: middleware, "
        "middleware_groups, middleware_aliases, middleware_priority, max_body_size, "
        "body_read_timeout, max_form_parts, max_form_files, max_form_field_size, max_form_pairs, "
        "max_concurrent_requests, cancel_on_disconnect, "
        "encrypt_cookies_except, csrf_except, "
        "trusted_hosts, trusted_proxies, trusted_headers. "
        "Prefix helper names with '_' to keep them out of the config."
    )


def test_an_unknown_key_with_nothing_close_has_no_suggestion() -> None:
    message = error_of({"logging": {"zzz": 1}})
    assert message.startswith("config/logging.py: unknown key 'zzz'. Allowed keys: level, format.")


def test_a_wrong_type_names_file_key_value_expected_type_and_fix() -> None:
    assert error_of({"app": {"debug": "yes"}}) == (
        "config/app.py: 'debug' must be bool, got str 'yes'. Set APP_DEBUG to true or false."
    )


def test_an_int_is_not_a_bool() -> None:
    assert error_of({"app": {"debug": 1}}) == (
        "config/app.py: 'debug' must be bool, got int 1. Set APP_DEBUG to true or false."
    )


def test_a_bool_is_not_an_int() -> None:
    assert error_of({"http": {"max_body_size": True}}) == (
        "config/http.py: 'max_body_size' must be int, got bool True."
    )


def test_a_long_value_is_truncated_in_the_message() -> None:
    message = error_of({"app": {"debug": "y" * 1000}})
    assert message.startswith("config/app.py: 'debug' must be bool, got str 'yyy")
    assert "..." in message
    assert len(message) < 200


def test_a_bad_item_in_a_list_is_pointed_at() -> None:
    class Provider:
        pass

    message = error_of({"app": {"providers": [Provider, "Provider"]}})
    assert message.startswith("config/app.py: 'providers' must be list[type], got list [")
    assert message.endswith("; item 1 is str 'Provider'.")


def test_a_non_callable_lifespan_callback_is_rejected() -> None:
    assert error_of({"app": {"startup": [print, 3]}}) == (
        "config/app.py: 'startup' must be list[Callable], got list "
        "[<built-in function print>, 3]; item 1 is int 3."
    )


def test_a_value_outside_the_allowed_ones_names_them() -> None:
    assert error_of({"logging": {"level": "VERBOSE"}}) == (
        "config/logging.py: 'level' must be one of 'DEBUG', 'INFO', 'WARNING', 'ERROR', "
        "'CRITICAL', got str 'VERBOSE'. Set LOG_LEVEL in .env."
    )


def test_allowed_values_are_accepted() -> None:
    for level in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        assert validate({"logging": {"level": level}})["logging"]["level"] == level


def test_every_problem_of_every_file_is_in_one_message() -> None:
    message = error_of(
        {
            "app": {"debug": "yes", "nmae": "x"},
            "http": {"max_body_size": "10MB"},
            "logging": {"level": "debug"},
        }
    )
    lines = message.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("config/app.py: 'debug' must be bool")
    assert lines[1].startswith("config/app.py: unknown key 'nmae'. Did you mean 'name'?")
    assert lines[2] == "config/http.py: 'max_body_size' must be int, got str '10MB'."
    assert lines[3].startswith("config/logging.py: 'level' must be one of")


def test_a_section_without_a_known_file_is_named_by_convention() -> None:
    with pytest.raises(ConfigError, match=r"^config/view\.py: 'cache' must be bool"):
        apply_defaults_and_validate({"view": {"cache": "no"}}, {})
