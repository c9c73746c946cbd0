"""Sends the application's log records somewhere visible, at the level of config/logging.py."""

from __future__ import annotations

import logging

from orionis.config.secrets import SecretMasker
from orionis.foundation.log_format import EscapeControlCharacters, MaskSecrets, SafeFormatter
from orionis.foundation.provider import ServiceProvider

__all__ = ["LoggingServiceProvider"]

# The loggers the framework and the skeleton write to.
LOGGERS = ("orionis", "app")


class LoggingServiceProvider(ServiceProvider):
    """Gives the ``orionis`` and ``app`` loggers a stderr handler unless logging is set up.

    Servers configure their own loggers only; without this, records below WARNING from the
    application would be dropped by Python's last-resort handler. Whatever handler writes the
    records of both loggers, control characters in messages are escaped, so request data
    cannot forge log lines, and the configuration's secrets are masked in messages and
    tracebacks (see ``orionis.foundation.log_format``).
    """

    def register(self) -> None:
        level = str(self.app.config.get("logging.level", "INFO"))
        fmt = str(self.app.config.get("logging.format"))
        config = self.app.config

        def secrets() -> SecretMasker:
            return SecretMasker.from_sources(config.all())

        masking = MaskSecrets(secrets)
        for name in LOGGERS:
            logger = logging.getLogger(name)
            logger.setLevel(level)
            _mask_with(logger, masking)
            if not any(isinstance(known, EscapeControlCharacters) for known in logger.filters):
                logger.addFilter(EscapeControlCharacters())
            if not logger.handlers and not logging.getLogger().handlers:
                stream = logging.StreamHandler()
                stream.setFormatter(SafeFormatter(fmt))
                logger.addHandler(stream)
            for handler in logger.handlers:
                if isinstance(handler.formatter, SafeFormatter):
                    # Records of child loggers (``app.billing``) reach the handler without
                    # passing the logger's own filters.
                    _mask_with(handler, masking)


def _mask_with(filterer: logging.Filterer, masking: MaskSecrets) -> None:
    # One masking filter each: the latest application's secrets are the ones to mask.
    for known in [f for f in filterer.filters if isinstance(f, MaskSecrets)]:
        filterer.removeFilter(known)
    filterer.addFilter(masking)
