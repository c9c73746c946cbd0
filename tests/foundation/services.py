"""Services the test projects bind, importable from their config files."""

from __future__ import annotations

from collections.abc import AsyncIterator

from orionis import ServiceProvider
from tests.foundation import recorder


class Clock:
    pass


class SystemClock(Clock):
    pass


class Mailer:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock


class Reports:
    pass


class Connection:
    def __init__(self) -> None:
        self.open = True


class RequestContext:
    pass


class Cache:
    def __init__(self, context: RequestContext) -> None:
        self.context = context


class ClockProvider(ServiceProvider):
    singletons = {Clock: SystemClock}
    bindings = {Mailer: Mailer}

    def register(self) -> None:
        recorder.events.append("clock.register")

    async def boot(self, clock: Clock) -> None:
        recorder.events.append(f"clock.boot:{type(clock).__name__}")


class SecondProvider(ServiceProvider):
    def register(self) -> None:
        recorder.events.append("second.register")

    def boot(self) -> None:
        recorder.events.append("second.boot")


class DeferredReportsProvider(ServiceProvider):
    provides = [Reports]

    def register(self) -> None:
        recorder.events.append("reports.register")
        self.app.singleton(Reports)

    def boot(self) -> None:
        recorder.events.append("reports.boot")


class FailingBootProvider(ServiceProvider):
    def boot(self) -> None:
        raise RuntimeError("database unreachable")


class FailingRegisterProvider(ServiceProvider):
    def register(self) -> None:
        raise ValueError("bad binding")


async def open_connection() -> AsyncIterator[Connection]:
    connection = Connection()
    recorder.events.append("connection.open")
    yield connection
    connection.open = False
    recorder.events.append("connection.close")


class ConnectionProvider(ServiceProvider):
    def register(self) -> None:
        self.app.singleton(Connection, open_connection)


class ScopeMismatchProvider(ServiceProvider):
    def register(self) -> None:
        self.app.scoped(RequestContext)
        self.app.singleton(Cache)


class EntryPointProvider(ServiceProvider):
    def register(self) -> None:
        recorder.events.append("entry_point.register")
