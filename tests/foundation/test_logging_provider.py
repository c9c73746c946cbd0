from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from orionis import Application
from tests.foundation.conftest import ProjectFactory

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
