"""The rules, their messages, and how fields are picked and reported."""

from __future__ import annotations

from typing import Any

import pytest

from orionis.validation import RuleError, ValidationError, Validator


def error(value: Any, rules: Any, **others: Any) -> str | None:
    data = {"field": value, **others} if value is not ... else dict(others)
    messages = Validator(data, {"field": rules}).errors().get("field")
    return messages[0] if messages else None


@pytest.mark.parametrize(
    ("value", "rules", "expected"),
    [
        (..., "required", "The field field is required."),
        ("  ", "required", "The field field is required."),
        ([], "required", "The field field is required."),
        ("x", "required", None),
        (3, "string", "The field field must be a string."),
        ("12a", "integer", "The field field must be an integer."),
        ("-12", "integer", None),
        (True, "integer", "The field field must be an integer."),
        ("1.5e3", "numeric", None),
        ("abc", "numeric", "The field field must be a number."),
        ("yes", "boolean", "The field field must be true or false."),
        ("0", "boolean", None),
        ("x", "array", "The field field must be an array."),
        ("a@b", "email", "The field field must be a valid email address."),
        ("ada@example.com", "email", None),
        ("example.com", "url", "The field field must be a valid URL."),
        ("https://example.com/x", "url", None),
        ("123", "uuid", "The field field must be a valid UUID."),
        ("6f1c1b1e-8d1a-4c55-a1b2-0e0f6a7b8c9d", "uuid", None),
        ("2024-02-30", "date", "The field field must be a valid date."),
        ("2024-02-29", "date", None),
        ("c", "in:a,b", "The selected field is invalid."),
        ("a", "not_in:a,b", "The selected field is invalid."),
        ("ab", "min:3", "The field field must be at least 3 characters."),
        ("17", "integer|min:18", "The field field must be at least 18."),
        ([1], "array|min:2", "The field field must have at least 2 items."),
        ("abcd", "max:3", "The field field must not be greater than 3 characters."),
        ("9", "numeric|between:1,5", "The field field must be between 1 and 5."),
        ("abc", "size:2", "The field field must be 2 characters."),
        ("abc", "regex:/^[0-9]+$/", "The field field format is invalid."),
        ("a|b", ["regex:^a\\|b$"], None),
        ([1, 1], "distinct", "The field field has a duplicate value."),
    ],
)
def test_rules(value: Any, rules: Any, expected: str | None) -> None:
    assert error(value, rules) == expected


def test_confirmed_same_and_different() -> None:
    assert error("a", "confirmed", field_confirmation="b") == (
        "The field field confirmation does not match."
    )
    assert error("a", "confirmed", field_confirmation="a") is None
    assert error("a", "same:other_field", other_field="b") == (
        "The field field must match other field."
    )
    assert error("a", "different:other_field", other_field="a") == (
        "The field field and other field must be different."
    )


def test_missing_and_blank_fields_only_run_required() -> None:
    assert error(..., "email|min:3") is None
    assert error("", "email") is None


def test_nullable_lets_none_through_and_sometimes_skips_missing_fields() -> None:
    assert error(None, "nullable|string") is None
    assert error(None, "string") == "The field field must be a string."
    assert error(..., "sometimes|required") is None
    assert error("", "sometimes|required") == "The field field is required."


def test_validate_returns_only_fields_with_rules_nested() -> None:
    data = {"user": {"name": "Ada", "role": "admin"}, "extra": 1}
    assert Validator(data, {"user.name": "required"}).validate() == {"user": {"name": "Ada"}}


def test_wildcards_check_every_item() -> None:
    data = {"items": [{"qty": "1"}, {"qty": "x"}]}
    errors = Validator(data, {"items.*.qty": "integer"}).errors()
    assert errors == {"items.1.qty": ["The items.1.qty field must be an integer."]}


def test_validation_error_summarises_the_errors() -> None:
    with pytest.raises(ValidationError) as caught:
        Validator({}, {"a": "required", "b": "required", "c": "required"}).validate()
    assert str(caught.value) == "The a field is required. (and 2 more errors)"
    assert caught.value.errors == {
        "a": ["The a field is required."],
        "b": ["The b field is required."],
        "c": ["The c field is required."],
    }


def test_custom_messages_and_attribute_names() -> None:
    validator = Validator(
        {"email": "x", "first_name": ""},
        {"email": "email", "first_name": "required"},
        messages={"email.email": "Check :attribute.", "required": ":attribute, please."},
        attributes={"email": "e-mail"},
    )
    assert validator.errors() == {"email": ["Check e-mail."], "first_name": ["first name, please."]}


def test_rule_objects_callables_and_extensions() -> None:
    class Even:
        def passes(self, attribute: str, value: Any) -> bool:
            return int(value) % 2 == 0

        def message(self) -> str:
            return "The :attribute must be even."

    def not_bob(attribute: str, value: Any) -> str | None:
        return "No :attribute bob." if value == "bob" else None

    taken = ["ada"]
    Validator.extend("unique_in", lambda v, p, d: v not in taken, "The :attribute is taken.")
    validator = Validator(
        {"n": "3", "who": "bob", "login": "ada"},
        {"n": [Even()], "who": [not_bob], "login": "required|unique_in"},
    )
    assert validator.errors() == {
        "n": ["The n must be even."],
        "who": ["No who bob."],
        "login": ["The login is taken."],
    }


def test_unknown_rules_are_named_with_a_suggestion() -> None:
    with pytest.raises(RuleError) as caught:
        Validator({}, {"a": "requird"})
    assert str(caught.value) == (
        "Unknown validation rule 'requird'. Did you mean 'required'? Register custom rules "
        "with Validator.extend(name, check, message), or pass a rule object with passes() "
        "and message()."
    )


def test_rules_with_missing_parameters_say_how_to_write_them() -> None:
    with pytest.raises(RuleError, match=r"Rule 'between' needs 2 parameter\(s\), written"):
        Validator({}, {"a": "between:1"})
    with pytest.raises(RuleError, match="needs numbers as parameters, got 'x'"):
        Validator({"a": "1"}, {"a": "min:x"}).errors()
    with pytest.raises(RuleError, match="has an invalid pattern"):
        Validator({"a": "1"}, {"a": "regex:("}).errors()
    with pytest.raises(RuleError, match="A rule must be a string, a rule object"):
        Validator({}, {"a": [42]})


def test_every_failing_rule_of_a_field_is_reported_in_rule_order() -> None:
    errors = Validator({"name": "a1"}, {"name": "email|min:5|max:1"}).errors()

    assert errors == {
        "name": [
            "The name field must be a valid email address.",
            "The name field must be at least 5 characters.",
            "The name field must not be greater than 1 characters.",
        ]
    }


def test_bail_stops_a_field_at_its_first_failure_only() -> None:
    data = {"name": "a1", "code": "a1"}
    rules = {"name": "bail|email|min:5", "code": ["email", "min:5"]}

    errors = Validator(data, rules).errors()

    assert errors["name"] == ["The name field must be a valid email address."]
    assert len(errors["code"]) == 2
