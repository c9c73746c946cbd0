"""Escaping control characters in log records, so that request data cannot forge log lines."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from orionis.config.secrets import SecretMasker
from orionis.foundation.log_format import (
    EscapeControlCharacters,
    MaskSecrets,
    SafeFormatter,
    escape_controls,
)

FORGERIES = {
    "a\nERROR app: forged": "a\\nERROR app: forged",
    "a\r\nb": "a\\r\\nb",
    "tab\there": "tab\\there",
    "nul\x00": "nul\\x00",
    "esc\x1b[31mred": "esc\\x1b[31mred",
    "del\x7f": "del\\x7f",
    "c1\x85next": "c1\\x85next",
    "ls\u2028ps\u2029": "ls\\u2028ps\\u2029",
    "plain café ünïcode": "plain café ünïcode",
    "back\\slash": "back\\slash",
}


@pytest.mark.parametrize(("text", "escaped"), FORGERIES.items())
def test_escape_controls(text: str, escaped: str) -> None:
    assert escape_controls(text) == escaped
    assert escape_controls(escaped) == escaped  # escaping twice changes nothing more


@pytest.fixture
def logged() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("tests.log_format")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)
    logger.propagate = True


def test_a_message_with_request_data_stays_on_one_line(
    logged: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = logged
    logger.warning("GET %s from %s", "/x\nERROR app: admin logged in", "ua\r\n\x1b[2J")
    assert stream.getvalue() == (
        "WARNING tests.log_format: GET /x\\nERROR app: admin logged in from ua\\r\\n\\x1b[2J\n"
    )


def test_exception_messages_in_tracebacks_are_escaped(
    logged: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = logged
    try:
        try:
            raise OSError("first\nINFO app: forged one")
        except OSError as first:
            raise ValueError("bad input\nERROR app: forged two") from first
    except ValueError:
        logger.exception("failed")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "ERROR tests.log_format: failed"
    assert "OSError: first\\nINFO app: forged one" in lines
    assert "ValueError: bad input\\nERROR app: forged two" in lines
    assert not any(line.startswith(("INFO app", "ERROR app")) for line in lines)
    assert any(line.startswith("Traceback (most recent call last):") for line in lines)


def test_the_filter_escapes_only_records_that_need_it() -> None:
    plain = logging.LogRecord("app", logging.INFO, __file__, 1, "user %s", ("ann",), None)
    hostile = logging.LogRecord("app", logging.INFO, __file__, 1, "user %s", ("a\nb",), None)
    broken = logging.LogRecord("app", logging.INFO, __file__, 1, "user %s %s", ("x",), None)
    keep = EscapeControlCharacters()
    assert keep.filter(plain) and (plain.msg, plain.args) == ("user %s", ("ann",))
    assert keep.filter(hostile) and hostile.getMessage() == "user a\\nb"
    assert keep.filter(broken)  # a bad format string is the handler's to report


def test_masking_rewrites_secret_messages_and_tracebacks_once() -> None:
    built: list[SecretMasker] = []

    def secrets() -> SecretMasker:
        built.append(SecretMasker(["open-sesame-123"]))
        return built[-1]

    masking = MaskSecrets(secrets)
    plain = logging.LogRecord("app", logging.INFO, __file__, 1, "user %s", ("ann",), None)
    try:
        raise ConnectionError("login open-sesame-123 to postgres://shop:pw1234@db/shop\nforged")
    except ConnectionError as error:
        failed = logging.LogRecord(
            "app", logging.ERROR, __file__, 1, "failed: %s", (error,), (type(error), error, None)
        )

    assert masking.filter(plain) and (plain.msg, plain.args) == ("user %s", ("ann",))
    assert masking.filter(failed)
    assert failed.getMessage() == (
        "failed: login ******** to postgres://shop:********@db/shop\nforged"
    )
    assert failed.exc_text is not None
    assert failed.exc_text.splitlines()[-1] == (
        "ConnectionError: login ******** to postgres://shop:********@db/shop\\nforged"
    )
    # Any formatter takes the masked traceback as it is.
    assert logging.Formatter().format(failed).endswith(failed.exc_text)
    assert len(built) == 1  # the secrets are collected on the first record only
