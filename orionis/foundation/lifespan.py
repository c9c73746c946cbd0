"""Lifespan callbacks: what runs after boot and at shutdown, per runtime, in registration order."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from orionis.foundation.enums.lifespan import Lifespan
from orionis.foundation.enums.runtimes import Runtime
from orionis.foundation.errors import BootError

if TYPE_CHECKING:
    from orionis.container import Container

__all__ = ["LifespanCallbacks", "callback_name"]

_log = logging.getLogger("orionis")


def callback_name(callback: object) -> str:
    """A readable name for a callback in error messages: ``module.qualname``."""
    module = getattr(callback, "__module__", None) or "?"
    name = getattr(callback, "__qualname__", None) or repr(callback)
    return f"{module}.{name}"


@dataclass(frozen=True, slots=True)
class _Entry:
    callback: Callable[..., Any]
    runtime: Runtime | None


class LifespanCallbacks:
    """The STARTUP and SHUTDOWN callbacks of one application."""

    def __init__(self) -> None:
        self._entries: dict[Lifespan, list[_Entry]] = {event: [] for event in Lifespan}

    def add(self, event: Lifespan, callbacks: tuple[Any, ...], runtime: Runtime | None) -> None:
        """Append callbacks for ``event``; ``runtime=None`` means every runtime."""
        if not isinstance(event, Lifespan):
            raise TypeError(
                f"app.on() takes a Lifespan event first, got {event!r}. "
                "Use Lifespan.STARTUP or Lifespan.SHUTDOWN "
                "(from orionis.foundation.enums.lifespan import Lifespan)."
            )
        if runtime is not None and not isinstance(runtime, Runtime):
            raise TypeError(
                f"app.on(..., runtime=) takes a Runtime or None, got {runtime!r}. "
                "Use Runtime.HTTP or Runtime.CLI "
                "(from orionis.foundation.enums.runtimes import Runtime)."
            )
        for callback in callbacks:
            if not callable(callback):
                raise TypeError(
                    f"app.on({event.name}) got {callback!r}, which is not callable. "
                    "Pass functions (sync or async), e.g. app.on(Lifespan.STARTUP, init_db)."
                )
            self._entries[event].append(_Entry(callback, runtime))

    def for_runtime(self, event: Lifespan, runtime: Runtime) -> list[Callable[..., Any]]:
        """The callbacks of ``event`` that apply to ``runtime``, in registration order."""
        return [e.callback for e in self._entries[event] if e.runtime in (None, runtime)]

    async def run_startup(self, container: Container, runtime: Runtime) -> None:
        """Run STARTUP callbacks in order; the first failure stops boot and names the callback."""
        for callback in self.for_runtime(Lifespan.STARTUP, runtime):
            try:
                await _invoke(container, callback)
            except Exception as error:
                raise BootError(
                    f"STARTUP callback {callback_name(callback)} failed: "
                    f"{type(error).__name__}: {error}"
                ) from error

    async def run_shutdown(self, container: Container, runtime: Runtime) -> list[BaseException]:
        """Run every SHUTDOWN callback in order; failures are logged and returned, never raised."""
        failures: list[BaseException] = []
        for callback in self.for_runtime(Lifespan.SHUTDOWN, runtime):
            try:
                await _invoke(container, callback)
            except Exception as error:
                _log.exception("SHUTDOWN callback %s failed", callback_name(callback))
                failures.append(error)
        return failures


async def _invoke(container: Container, callback: Callable[..., Any]) -> None:
    result = container.call(callback)
    if inspect.isawaitable(result):
        await result
