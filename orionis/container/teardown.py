"""Entering and finishing generator factories: the code after ``yield`` is the teardown."""

from __future__ import annotations

import inspect
from collections.abc import AsyncGenerator, Generator, Sequence
from typing import Any

from orionis.container.errors import TeardownError

__all__ = [
    "Teardown",
    "afirst_value",
    "close_all",
    "close_all_async",
    "first_value",
]

Teardown = Generator[Any, None, None] | AsyncGenerator[Any, None]


def first_value(generator: Generator[Any, None, None]) -> Any:
    """Run a generator factory up to its ``yield`` and return the value it yields."""
    try:
        return next(generator)
    except StopIteration:
        raise _no_yield(generator) from None


async def afirst_value(generator: AsyncGenerator[Any, None]) -> Any:
    """Run an async generator factory up to its ``yield`` and return the value it yields."""
    try:
        return await anext(generator)
    except StopAsyncIteration:
        raise _no_yield(generator) from None


def close_all(teardowns: Sequence[Teardown]) -> None:
    """Finish sync generators newest first; every one runs even when another fails."""
    errors: list[Exception] = []
    for generator in reversed(teardowns):
        try:
            if inspect.isasyncgen(generator):
                raise TeardownError(f"{_name(generator)} needs an async close (await it).")
            _finish(generator)
        except Exception as error:
            errors.append(error)
    raise_collected(errors)


async def close_all_async(teardowns: Sequence[Teardown]) -> None:
    """Finish sync and async generators newest first; every one runs even when another fails."""
    errors: list[Exception] = []
    for generator in reversed(teardowns):
        try:
            if inspect.isasyncgen(generator):
                await _afinish(generator)
            else:
                _finish(generator)
        except Exception as error:
            errors.append(error)
    raise_collected(errors)


def raise_collected(errors: list[Exception]) -> None:
    """Raise the one error as it is, several as an ``ExceptionGroup``, none: return."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ExceptionGroup(f"{len(errors)} teardowns failed", errors)


def _finish(generator: Any) -> None:
    try:
        next(generator)
    except StopIteration:
        return
    generator.close()
    raise _yielded_twice(generator)


async def _afinish(generator: Any) -> None:
    try:
        await anext(generator)
    except StopAsyncIteration:
        return
    await generator.aclose()
    raise _yielded_twice(generator)


def _name(generator: Any) -> str:
    name = getattr(generator, "__qualname__", repr(generator))
    return f"The factory {name.rpartition('<locals>.')[2]}()"


def _no_yield(generator: Any) -> TeardownError:
    return TeardownError(
        f"{_name(generator)} returned without yielding. A generator factory yields the value "
        "once; the code after `yield` is its teardown."
    )


def _yielded_twice(generator: Any) -> TeardownError:
    return TeardownError(
        f"{_name(generator)} yielded more than once. A generator factory yields the value "
        "once; the code after `yield` is its teardown."
    )
