"""Authenticated encryption with APP_KEY: round trips, tampering, contexts, rotation, bad keys."""

from __future__ import annotations

import base64

import pytest

from orionis.encryption import (
    DecryptError,
    Encrypter,
    EncryptionError,
    MissingKeyError,
    generate_key,
    parse_key,
)

KEY = "base64:" + base64.b64encode(bytes(range(32))).decode()
OTHER = "base64:" + base64.b64encode(bytes(range(1, 33))).decode()


def test_values_round_trip_through_json() -> None:
    encrypter = Encrypter.from_config(KEY)
    value = {"id": 7, "tags": ["a", "b"], "ok": True, "none": None}
    token = encrypter.encrypt(value)
    assert "tags" not in token
    assert encrypter.decrypt(token) == value


def test_the_same_value_encrypts_differently_each_time() -> None:
    encrypter = Encrypter.from_config(KEY)
    assert encrypter.encrypt_string("x") != encrypter.encrypt_string("x")


def test_a_changed_payload_does_not_decrypt() -> None:
    encrypter = Encrypter.from_config(KEY)
    token = encrypter.encrypt_string("secret")
    flipped = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    with pytest.raises(DecryptError, match="changed or made with another key"):
        encrypter.decrypt_string(flipped)
    with pytest.raises(DecryptError, match="too short or of an unknown version"):
        encrypter.decrypt_string("AAAA")
    with pytest.raises(DecryptError, match="not valid base64url"):
        encrypter.decrypt_string("a")


def test_a_payload_only_decrypts_in_its_own_context() -> None:
    encrypter = Encrypter.from_config(KEY)
    token = encrypter.encrypt_string("1", context="cookie-a")
    assert encrypter.decrypt_string(token, context="cookie-a") == "1"
    with pytest.raises(DecryptError):
        encrypter.decrypt_string(token, context="cookie-b")


def test_previous_keys_decrypt_and_the_current_key_encrypts() -> None:
    old = Encrypter.from_config(OTHER)
    rotated = Encrypter.from_config(KEY, [OTHER])
    assert rotated.decrypt(old.encrypt([1, 2])) == [1, 2]
    with pytest.raises(DecryptError):
        old.decrypt(rotated.encrypt([1, 2]))
    with pytest.raises(DecryptError):
        Encrypter.from_config(KEY).decrypt(old.encrypt(1))


def test_generated_keys_are_32_bytes_in_base64() -> None:
    key = generate_key()
    assert key.startswith("base64:") and len(parse_key(key)) == 32
    assert generate_key() != key


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "APP_KEY is not set, and encryption needs it"),
        ("abc", "APP_KEY must start with 'base64:' followed by 32 random bytes in base64"),
        ("base64:***", "APP_KEY is not valid base64 after 'base64:'."),
        ("base64:c2hvcnQ=", "APP_KEY decodes to 5 bytes; AES-256 needs exactly 32."),
    ],
)
def test_bad_keys_say_what_is_wrong_and_how_to_fix_it(value: str, message: str) -> None:
    with pytest.raises(MissingKeyError) as caught:
        parse_key(value)
    assert message in str(caught.value)
    assert "Run `reactor key:generate`" in str(caught.value)


def test_a_bad_previous_key_is_named_as_such() -> None:
    with pytest.raises(MissingKeyError, match=r"^APP_PREVIOUS_KEYS must start"):
        Encrypter.from_config(KEY, ["nope"])


def test_values_json_cannot_hold_are_refused_with_the_fix() -> None:
    with pytest.raises(EncryptionError, match=r"Cannot encrypt object: .* Encrypt str, int"):
        Encrypter.from_config(KEY).encrypt(object())


def test_raw_keys_must_be_32_bytes() -> None:
    with pytest.raises(EncryptionError, match="must be 32 bytes, got 3"):
        Encrypter(b"abc")
