"""Log records that a client cannot forge and that give away no secret.

A log line often carries request data (a path, a header, an exception message quoting user
input). A ``\\n`` in it would start a new line that reads like a record of its own
(``... ERROR app: payment refused`` written by the client), and an ESC sequence would rewrite
what a terminal shows. Messages are escaped (``\\n`` -> ``\\\\n``, ESC -> ``\\\\x1b``); tracebacks
keep their own line breaks, but the exception messages inside them are escaped too.

An exception message may also quote a secret: a connection URL with its password, a key the
code was handed. `MaskSecrets` replaces the configuration's secret values and URL passwords in
messages and tracebacks with ``********``, by the debug page's rule (`orionis.config.secrets`).
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Final

from orionis.config.secrets import SecretMasker

__all__ = ["EscapeControlCharacters", "MaskSecrets", "SafeFormatter", "escape_controls"]

# C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators (some viewers
# break lines on them).
_CONTROLS: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# What a traceback may keep: its own line breaks.
_TRACEBACK_CONTROLS: Final = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")

_ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` on one line: ``"a\\nb"`` -> ``"a\\\\nb"``; other control characters as
    ``\\\\xNN`` (``\\\\u2028`` for the line separators). Text without them is returned as is."""
    return _CONTROLS.sub(_escape, text)


class SafeFormatter(logging.Formatter):
    """A ``logging.Formatter`` whose output has one line per record, plus traceback lines.

    The message is escaped with `escape_controls`; in a traceback, the ``Type: message`` line
    of each exception in the chain is escaped, and control characters other than line breaks.
    """

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        """Escape the record's message before the format string places it."""
        record.message = escape_controls(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: _ExcInfo) -> str:  # noqa: N802 - logging's name
        """The traceback, with every exception's own message kept on one line."""
        text = super().formatException(ei)
        for error in _chain(ei[1]):
            described = "".join(traceback.format_exception_only(type(error), error)).rstrip("\n")
            escaped = escape_controls(described)
            if escaped != described:
                text = text.replace(described, escaped)
        return _TRACEBACK_CONTROLS.sub(_escape, text)


def _chain(error: BaseException | None) -> Iterator[BaseException]:
    # The exceptions a traceback shows: the error, its cause or context, and theirs.
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)


class EscapeControlCharacters(logging.Filter):
    """A logger filter that escapes the message of records it lets through, for handlers that
    are not formatted by `SafeFormatter` (the server's, a log shipper's, pytest's).

    Records without control characters are left untouched, ``args`` included.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the message when it has control characters; never drop a record."""
        try:
            message = record.getMessage()
        except Exception:
            return True  # a bad format string: the handler reports it as usual
        escaped = escape_controls(message)
        if escaped != message:
            record.msg, record.args = escaped, None
        return True


class MaskSecrets(logging.Filter):
    """A logger filter that masks secrets in the message and the traceback of every record it
    lets through, whichever handler writes it.

    ``secrets`` builds the `SecretMasker` on the first record (most processes log little, and
    collecting the secrets walks the whole configuration). The traceback is formatted here,
    once, by `SafeFormatter` and left in ``exc_text``, where every ``logging.Formatter`` takes
    it from instead of formatting the exception again.
    """

    def __init__(self, secrets: Callable[[], SecretMasker]) -> None:
        super().__init__()
        self._secrets = secrets
        self._masker: SecretMasker | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite what holds a secret; never drop a record."""
        masker = self._masker
        if masker is None:
            masker = self._masker = self._secrets()
        try:
            message = record.getMessage()
        except Exception:
            return True  # a bad format string: the handler reports it as usual
        masked = masker.mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = masker.mask(_TRACEBACKS.formatException(record.exc_info))
        return True


_TRACEBACKS: Final = SafeFormatter()
