"""Sends the application's log records somewhere visible, at the level of config/logging.py."""

from __future__ import annotations

import logging

from orionis.foundation.log_format import EscapeControlCharacters, SafeFormatter
from orionis.foundation.provider import ServiceProvider

__all__ = ["LoggingServiceProvider"]

# The loggers the framework and the skeleton write to.
LOGGERS = ("orionis", "app")


class LoggingServiceProvider(ServiceProvider):
    """Gives the ``orionis`` and ``app`` loggers a stderr handler unless logging is set up.

    Servers configure their own loggers only; without this, records below WARNING from the
    application would be dropped by Python's last-resort handler. Control characters in the
    messages of both loggers are escaped whatever handler writes them (see
    ``orionis.foundation.log_format``), so request data cannot forge log lines.
    """

    def register(self) -> None:
        level = str(self.app.config.get("logging.level", "INFO"))
        fmt = str(self.app.config.get("logging.format"))
        for name in LOGGERS:
            logger = logging.getLogger(name)
            logger.setLevel(level)
            if not any(isinstance(known, EscapeControlCharacters) for known in logger.filters):
                logger.addFilter(EscapeControlCharacters())
            if not logger.handlers and not logging.getLogger().handlers:
                handler = logging.StreamHandler()
                handler.setFormatter(SafeFormatter(fmt))
                logger.addHandler(handler)
