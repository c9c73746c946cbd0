from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest

from orionis import Application
from orionis.foundation.log_format import EscapeControlCharacters, MaskSecrets, SafeFormatter
from tests.foundation.conftest import ProjectFactory
from tests.http.trust import Project, sender

NAMES = ("orionis", "app")


@contextmanager
def bare_logging() -> Iterator[None]:
    """No handler anywhere, as in a server process that configured only its own loggers.

    Used inside the test body: pytest puts its capture handlers on the root logger per phase.
    """
    root = logging.getLogger()
    saved_root = root.handlers[:]
    saved = {
        name: (logging.getLogger(name).handlers[:], logging.getLogger(name).level) for name in NAMES
    }
    root.handlers.clear()
    for name in NAMES:
        logging.getLogger(name).handlers.clear()
    try:
        yield
    finally:
        root.handlers[:] = saved_root
        for name, (handlers, level) in saved.items():
            logging.getLogger(name).handlers[:] = handlers
            logging.getLogger(name).setLevel(level)


def test_application_loggers_get_a_handler_at_the_configured_level(project: ProjectFactory) -> None:
    base = project(logging='level = "DEBUG"\nformat = "%(levelname)s|%(message)s"\n')
    with bare_logging():
        Application(base_path=base)

        for name in NAMES:
            logger = logging.getLogger(name)
            assert logger.level == logging.DEBUG
            [handler] = logger.handlers
            assert isinstance(handler, logging.StreamHandler)
            assert handler.formatter is not None
            record = logging.LogRecord(name, logging.INFO, __file__, 1, "ready", None, None)
            assert handler.formatter.format(record) == "INFO|ready"


def test_a_second_application_adds_no_second_handler(project: ProjectFactory) -> None:
    base = project()
    with bare_logging():
        Application(base_path=base)
        Application(base_path=base)
        assert len(logging.getLogger("orionis").handlers) == 1


def test_existing_logging_setup_is_left_alone(project: ProjectFactory) -> None:
    # pytest's own capture handler sits on the root logger here.
    assert logging.getLogger().handlers
    before = logging.getLogger("orionis").handlers[:]
    Application(base_path=project())
    assert logging.getLogger("orionis").handlers == before


def test_the_handler_escapes_control_characters(project: ProjectFactory) -> None:
    base = project(logging='format = "%(levelname)s|%(message)s"\n')
    with bare_logging():
        Application(base_path=base)
        [handler] = logging.getLogger("app").handlers
        assert isinstance(handler.formatter, SafeFormatter)
        record = logging.LogRecord("app", logging.INFO, __file__, 1, "%s", ("a\nERROR|x",), None)
        assert handler.formatter.format(record) == "INFO|a\\nERROR|x"


def test_both_loggers_get_one_escaping_filter(project: ProjectFactory) -> None:
    base = project()
    with bare_logging():
        Application(base_path=base)
        Application(base_path=base)
        for name in NAMES:
            filters = logging.getLogger(name).filters
            assert sum(isinstance(f, EscapeControlCharacters) for f in filters) == 1


@pytest.fixture
async def site(tmp_path: Path) -> AsyncIterator[Project]:
    async with Project(tmp_path) as built:
        yield built


@pytest.mark.parametrize("interface", ["rsgi", "asgi"])
async def test_request_data_in_an_error_log_cannot_forge_lines(
    site: Project, interface: str, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = "x\n2030-01-01 00:00:00 ERROR orionis: payment approved\x1b[2J"
    with bare_logging():
        app = await site.app(web='Route.get("/crash", t.crash_with_input)\n')
        query = urlencode({"x": forged}).encode()
        response = await sender(interface)(app, "GET", "/crash", query=query)
    assert response.status == 500
    lines = capsys.readouterr().err.splitlines()
    [first] = [line for line in lines if "Unhandled ValueError" in line]
    assert first.endswith(
        "cannot handle x\\n2030-01-01 00:00:00 ERROR orionis: payment approved\\x1b[2J"
    )
    assert "ValueError: cannot handle x\\n2030-01-01 00:00:00 ERROR orionis:" in "\n".join(lines)
    assert not any(line.startswith("2030-01-01") for line in lines)
    assert "\x1b" not in "\n".join(lines)


@pytest.mark.parametrize("interface", ["rsgi", "asgi"])
async def test_records_reach_other_handlers_escaped_too(
    site: Project, interface: str, caplog: pytest.LogCaptureFixture
) -> None:
    # pytest's handler sits on the root logger here: the provider adds none, the filter works.
    app = await site.app(web='Route.get("/crash", t.crash_with_input)\n')
    with caplog.at_level(logging.ERROR, logger="orionis"):
        query = urlencode({"x": "a\nERROR forged"}).encode()
        await sender(interface)(app, "GET", "/crash", query=query)
    [record] = caplog.records
    assert record.getMessage() == "Unhandled ValueError: cannot handle a\\nERROR forged"


SECRET = "sk_live_0123456789abcdef"
SERVICES = f'stripe_secret = "{SECRET}"\n'
LEAKY_INPUT = f"key {SECRET} for redis://:hunter2pw@cache:6379/0"
MASKED = "key ******** for redis://:********@cache:6379/0"


@pytest.mark.parametrize("interface", ["rsgi", "asgi"])
async def test_secrets_in_an_error_log_are_masked(
    site: Project, interface: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # An exception message quoting a config secret and a URL password, as a failing client
    # library would: the log line and the traceback show neither.
    with bare_logging():
        app = await site.app(
            web='Route.get("/crash", t.crash_with_input)\n', config={"services": SERVICES}
        )
        query = urlencode({"x": LEAKY_INPUT}).encode()
        response = await sender(interface)(app, "GET", "/crash", query=query)
    assert response.status == 500
    logged = capsys.readouterr().err
    assert f"Unhandled ValueError: cannot handle {MASKED}" in logged
    assert f"ValueError: cannot handle {MASKED}" in logged.splitlines()
    assert "Traceback (most recent call last):" in logged
    assert SECRET not in logged and "hunter2pw" not in logged


@pytest.mark.parametrize("interface", ["rsgi", "asgi"])
async def test_records_reach_other_handlers_masked_too(
    site: Project, interface: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = await site.app(
        web='Route.get("/crash", t.crash_with_input)\n', config={"services": SERVICES}
    )
    with caplog.at_level(logging.ERROR, logger="orionis"):
        query = urlencode({"x": LEAKY_INPUT}).encode()
        await sender(interface)(app, "GET", "/crash", query=query)
    [record] = caplog.records
    assert record.getMessage() == f"Unhandled ValueError: cannot handle {MASKED}"
    assert SECRET not in caplog.text and "hunter2pw" not in caplog.text
    assert f"ValueError: cannot handle {MASKED}" in caplog.text


def test_each_logger_masks_with_one_filter_of_the_latest_application(
    project: ProjectFactory,
) -> None:
    with bare_logging():
        Application(base_path=project(services='stripe_secret = "first-secret-value"\n'))
        Application(base_path=project(services='stripe_secret = "second-secret-value"\n'))
        for name in NAMES:
            [masking] = [f for f in logging.getLogger(name).filters if isinstance(f, MaskSecrets)]
            record = logging.LogRecord(
                name,
                logging.INFO,
                __file__,
                1,
                "%s %s",
                ("first-secret-value", "second-secret-value"),
                None,
            )
            assert masking.filter(record)
            assert record.getMessage() == "first-secret-value ********"


def test_records_of_child_loggers_are_masked_by_the_handler(
    project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    with bare_logging():
        first = project(services=SERVICES, logging='format = "%(name)s|%(message)s"\n')
        Application(base_path=first)
        Application(base_path=project(services='stripe_secret = "rotated-secret-value"\n'))
        logging.getLogger("app.billing").warning("charging with %s", "rotated-secret-value")
    # The handler the first application added masks the latest application's secrets.
    assert capsys.readouterr().err == "app.billing|charging with ********\n"
