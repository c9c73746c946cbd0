"""Sends the application's log records somewhere visible, at the level of config/logging.py."""

from __future__ import annotations

import logging

from orionis.foundation.provider import ServiceProvider

__all__ = ["LoggingServiceProvider"]

# The loggers the framework and the skeleton write to.
LOGGERS = ("orionis", "app")


class LoggingServiceProvider(ServiceProvider):
    """Gives the ``orionis`` and ``app`` loggers a stderr handler unless logging is set up.

    Servers configure their own loggers only; without this, records below WARNING from the
    application would be dropped by Python's last-resort handler.
    """

    def register(self) -> None:
        level = str(self.app.config.get("logging.level", "INFO"))
        fmt = str(self.app.config.get("logging.format"))
        for name in LOGGERS:
            logger = logging.getLogger(name)
            logger.setLevel(level)
            if not logger.handlers and not logging.getLogger().handlers:
                handler = logging.StreamHandler()
                handler.setFormatter(logging.Formatter(fmt))
                logger.addHandler(handler)
