"""Singletons under races, async singletons warmed at boot, teardowns at shutdown."""

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from orionis.container import (
    AsyncBindingError,
    Container,
    ContainerError,
    SingletonNotWarmedError,
)
from tests.container.services import Clock, Repository, Service


class Database:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock


class SlowClock:
    created = 0

    def __init__(self) -> None:
        SlowClock.created += 1
        threading.Event().wait(0.01)  # widen the race window


def test_eight_threads_racing_create_one_singleton(app: Container) -> None:
    SlowClock.created = 0
    app.singleton(SlowClock)
    barrier = threading.Barrier(8)

    def resolve(_: int) -> SlowClock:
        barrier.wait()
        return app.make(SlowClock)

    with ThreadPoolExecutor(max_workers=8) as pool:
        clocks = list(pool.map(resolve, range(8)))

    assert len({id(clock) for clock in clocks}) == 1
    assert SlowClock.created == 1


async def test_a_hundred_tasks_racing_create_one_singleton(app: Container) -> None:
    SlowClock.created = 0
    app.singleton(SlowClock)

    async def resolve() -> SlowClock:
        await asyncio.sleep(0)
        return app.make(SlowClock)

    clocks = await asyncio.gather(*(resolve() for _ in range(100)))

    assert len({id(clock) for clock in clocks}) == 1
    assert SlowClock.created == 1


async def test_async_singleton_is_created_by_warm_singletons(app: Container) -> None:
    created: list[Database] = []

    async def connect(clock: Clock) -> Database:
        await asyncio.sleep(0)
        created.append(Database(clock))
        return created[-1]

    app.singleton(Database, connect)

    await app.warm_singletons()
    await app.warm_singletons()

    assert created == [app.make(Database)]
    assert app.make(Database) is app.make(Database)


async def test_resolving_an_async_singleton_before_warming_says_so(app: Container) -> None:
    async def connect(clock: Clock) -> Database:
        return Database(clock)

    app.singleton(Database, connect)

    with pytest.raises(SingletonNotWarmedError) as caught:
        app.make(Database)

    assert str(caught.value) == (
        "Database is a singleton with an async factory and has not been created yet. Async "
        "singletons are created by `await app.warm_singletons()` when the application boots: "
        "resolve Database after boot (or await app.warm_singletons() first in a script or test)."
    )


async def test_dependents_compiled_before_warming_see_the_warmed_value(app: Container) -> None:
    class UsesDatabase:
        def __init__(self, database: Database) -> None:
            self.database = database

    async def connect(clock: Clock) -> Database:
        return Database(clock)

    app.singleton(Database, connect)
    app.validate()

    await app.warm_singletons()

    assert app.make(UsesDatabase).database is app.make(Database)


async def test_async_singletons_warm_their_async_dependencies_first(app: Container) -> None:
    class Pool:
        pass

    async def connect(pool: Pool) -> Database:
        database = Database(Clock())
        database.pool = pool  # type: ignore[attr-defined]
        return database

    async def open_pool() -> Pool:
        return Pool()

    app.singleton(Database, connect)
    app.singleton(Pool, open_pool)

    await app.warm_singletons()

    assert app.make(Database).pool is app.make(Pool)


async def test_concurrent_warming_creates_each_async_singleton_once(app: Container) -> None:
    created: list[object] = []

    async def connect() -> object:
        await asyncio.sleep(0.01)
        created.append(object())
        return created[-1]

    app.singleton("db", connect)

    await asyncio.gather(*(app.warm_singletons() for _ in range(100)))

    assert created == [app.make("db")]


async def test_extend_applies_to_a_warmed_async_singleton(app: Container) -> None:
    async def connect() -> str:
        return "db"

    app.singleton("db", connect)
    app.extend("db", lambda value, container: value.upper())

    await app.warm_singletons()

    assert app.make("db") == "DB"


async def test_async_transient_cannot_be_injected(app: Container) -> None:
    async def connect(clock: Clock) -> Database:
        return Database(clock)

    class UsesDatabase:
        def __init__(self, database: Database) -> None:
            self.database = database

    app.bind(Database, connect)

    with pytest.raises(AsyncBindingError) as caught:
        app.make(UsesDatabase)

    assert str(caught.value) == (
        "Cannot inject Database into UsesDatabase: Database has an async factory and is "
        "transient, so UsesDatabase would receive a coroutine. Bind it with app.singleton() "
        "(awaited at boot) or app.scoped() (awaited when a scope opens), or resolve it with "
        "`await app.amake(Database)`."
    )


async def test_close_singletons_runs_teardowns_lifo(app: Container) -> None:
    events: list[str] = []

    def sync_resource() -> Iterator[str]:
        yield "sync"
        events.append("sync closed")

    async def async_resource() -> AsyncIterator[str]:
        yield "async"
        events.append("async closed")

    app.singleton("sync", sync_resource)
    app.singleton("async", async_resource)
    await app.warm_singletons()
    assert app.make("sync") == "sync"

    await app.close_singletons()

    assert events == ["sync closed", "async closed"]


async def test_closed_singletons_are_built_again_on_next_resolve(app: Container) -> None:
    created: list[object] = []

    def resource() -> Iterator[object]:
        created.append(object())
        yield created[-1]

    app.singleton("resource", resource)
    first = app.make("resource")
    await app.close_singletons()

    assert app.make("resource") is not first


def test_close_singletons_sync_runs_sync_teardowns(app: Container) -> None:
    events: list[str] = []

    def resource(name: str) -> object:
        def factory() -> Iterator[str]:
            yield name
            events.append(name)

        return factory

    app.singleton("a", resource("a"))
    app.singleton("b", resource("b"))
    app.make("a")
    app.make("b")

    app.close_singletons_sync()
    app.close_singletons_sync()

    assert events == ["b", "a"]


async def test_close_singletons_sync_refuses_async_teardowns(app: Container) -> None:
    async def resource() -> AsyncIterator[str]:
        yield "db"

    app.singleton("db", resource)
    await app.warm_singletons()

    with pytest.raises(ContainerError) as caught:
        app.close_singletons_sync()

    assert str(caught.value) == (
        "Singletons with async teardowns are open ('db'); close_singletons_sync() cannot run "
        "those: call `await app.close_singletons()`."
    )
    await app.close_singletons()


async def test_a_failing_singleton_teardown_does_not_stop_the_others(app: Container) -> None:
    events: list[str] = []

    def good() -> Iterator[str]:
        yield "good"
        events.append("good closed")

    async def bad() -> AsyncIterator[str]:
        yield "bad"
        raise RuntimeError("bad teardown")

    app.singleton("good", good)
    app.singleton("bad", bad)
    app.make("good")
    await app.warm_singletons()

    with pytest.raises(RuntimeError, match="bad teardown"):
        await app.close_singletons()

    assert events == ["good closed"]


def test_singleton_service_shares_its_singleton_dependencies(app: Container) -> None:
    app.singleton(Service)
    app.singleton(Repository)

    assert app.make(Service).repository is app.make(Repository)
