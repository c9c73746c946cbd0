"""Errors of the testing toolkit."""

from orionis.support.errors import OrionisError

__all__ = ["TestingError"]


class TestingError(OrionisError):
    """The testing toolkit was used in a way it cannot serve; the message says how to fix it."""

    __test__ = False  # a class named Test* that pytest must not collect
