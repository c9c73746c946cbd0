"""Request scopes: one instance per scope, supplied values, teardowns, concurrency."""

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest

from orionis.container import Container, ScopedValueMissingError, ScopeError
from orionis.container.scope import SupplyingScopes
from tests.container.services import Clock, Repository, Service


class Request:
    def __init__(self, path: str) -> None:
        self.path = path


class RequestService:
    def __init__(self, request: Request, repository: Repository) -> None:
        self.request = request
        self.repository = repository


def test_scoped_gives_one_instance_per_scope(app: Container) -> None:
    app.scoped(Repository)

    with app.scope():
        first = app.make(Repository)
        assert app.make(Repository) is first
        assert app.make(Service).repository is first
    with app.scope():
        assert app.make(Repository) is not first


def test_scoped_outside_a_scope_raises(app: Container) -> None:
    app.scoped(Repository)

    with pytest.raises(ScopeError) as caught:
        app.make(Repository)

    assert str(caught.value) == (
        "Repository is scoped (one instance per scope) but no scope is open. Resolve it inside "
        "`with app.scope():` or `async with app.scope():`, or while the app handles a request."
    )


def test_a_dependent_of_a_scoped_binding_outside_a_scope_raises(app: Container) -> None:
    app.scoped(Repository)

    with pytest.raises(ScopeError, match=r"^Repository is scoped"):
        app.make(Service)


def test_scope_instance_supplies_a_scoped_value(app: Container) -> None:
    app.scoped_value(Request)
    app.scoped(RequestService)

    with app.scope() as scope:
        request = scope.instance(Request, Request("/users"))
        service = app.make(RequestService)

    assert service.request is request


def test_scoped_value_not_supplied_raises(app: Container) -> None:
    app.scoped_value(Request)

    with app.scope(), pytest.raises(ScopedValueMissingError) as caught:
        app.make(Request)

    assert str(caught.value) == (
        "Request is a scoped value, but the current scope did not supply it. Supply it when the "
        "scope opens: `with app.scope() as scope: scope.instance(Request, value)`."
    )


def test_scoped_value_outside_a_scope_raises_scope_error(app: Container) -> None:
    app.scoped_value(Request)

    with pytest.raises(ScopeError, match=r"^Request is scoped"):
        app.make(Request)


def test_supplying_an_undeclared_abstract_is_refused(app: Container) -> None:
    with app.scope() as scope, pytest.raises(ScopeError) as caught:
        scope.instance(Request, Request("/"))

    assert str(caught.value) == (
        "Cannot supply Request to this scope: Request is not scoped. Declare it in a provider's "
        "register(): app.scoped_value(Request)."
    )


def test_scope_instance_can_override_a_scoped_binding(app: Container) -> None:
    app.scoped(Repository)
    repository = Repository()

    with app.scope() as scope:
        scope.instance(Repository, repository)
        assert app.make(Service).repository is repository


def test_nested_scopes_are_independent_and_the_outer_is_restored(app: Container) -> None:
    app.scoped(Repository)

    with app.scope():
        outer = app.make(Repository)
        with app.scope():
            inner = app.make(Repository)
            assert inner is not outer
        assert app.make(Repository) is outer


def test_a_scope_is_entered_once(app: Container) -> None:
    scope = app.scope()
    with scope:
        pass

    with pytest.raises(ScopeError, match=r"^A scope can be entered once"), scope:
        pass


def test_generator_teardowns_run_lifo_when_the_scope_closes(app: Container) -> None:
    events: list[str] = []

    def resource(name: str) -> object:
        def factory() -> Iterator[str]:
            events.append(f"open {name}")
            yield name
            events.append(f"close {name}")

        return factory

    app.scoped("a", resource("a"))
    app.scoped("b", resource("b"))

    with app.scope():
        app.make("a")
        app.make("b")
        app.make("a")
        assert events == ["open a", "open b"]

    assert events == ["open a", "open b", "close b", "close a"]


def test_a_failing_teardown_does_not_stop_the_others(app: Container) -> None:
    closed: list[str] = []

    def good() -> Iterator[str]:
        yield "good"
        closed.append("good")

    def bad() -> Iterator[str]:
        yield "bad"
        raise RuntimeError("disconnect failed")

    app.scoped("good", good)
    app.scoped("bad", bad)

    with pytest.raises(RuntimeError, match="disconnect failed"), app.scope():
        app.make("good")
        app.make("bad")

    assert closed == ["good"]


def test_several_failing_teardowns_raise_an_exception_group(app: Container) -> None:
    def failing(message: str) -> object:
        def factory() -> Iterator[str]:
            yield message
            raise RuntimeError(message)

        return factory

    app.scoped("one", failing("one"))
    app.scoped("two", failing("two"))

    with pytest.raises(ExceptionGroup) as caught, app.scope():
        app.make("one")
        app.make("two")

    assert [str(error) for error in caught.value.exceptions] == ["two", "one"]


def test_the_scope_is_closed_even_when_a_teardown_fails(app: Container) -> None:
    def bad() -> Iterator[str]:
        yield "bad"
        raise RuntimeError("boom")

    app.scoped("bad", bad)
    app.scoped(Repository)

    with pytest.raises(RuntimeError), app.scope():
        app.make("bad")

    with pytest.raises(ScopeError):
        app.make(Repository)


async def test_async_scope_awaits_async_factories_eagerly_in_order(app: Container) -> None:
    events: list[str] = []

    async def connection() -> str:
        events.append("connection")
        return "db"

    async def session(clock: Clock) -> AsyncIterator[str]:
        events.append("session")
        yield "session"
        events.append("session closed")

    app.scoped("connection", connection)
    app.scoped("session", session)

    async with app.scope():
        assert events == ["connection", "session"]
        assert app.make("connection") == "db"
        assert app.make("session") == "session"

    assert events == ["connection", "session", "session closed"]


async def test_async_scoped_dependencies_open_first(app: Container) -> None:
    class Connection:
        pass

    class Session:
        def __init__(self, connection: Connection) -> None:
            self.connection = connection

    async def open_session(connection: Connection) -> Session:
        return Session(connection)

    async def open_connection() -> Connection:
        return Connection()

    app.scoped(Session, open_session)
    app.scoped(Connection, open_connection)

    async with app.scope():
        assert app.make(Session).connection is app.make(Connection)


async def test_async_scoped_values_are_per_scope(app: Container) -> None:
    async def connection() -> object:
        return object()

    app.scoped("connection", connection)

    async with app.scope():
        first = app.make("connection")
    async with app.scope():
        assert app.make("connection") is not first


async def test_sync_scope_with_async_scoped_bindings_raises(app: Container) -> None:
    async def connection() -> str:
        return "db"

    app.scoped("connection", connection)

    with pytest.raises(ScopeError) as caught, app.scope():
        pass

    assert str(caught.value) == (
        "This scope was opened with `with`, but scoped bindings with async factories exist "
        "('connection'); they are awaited when a scope opens. Open it with "
        "`async with app.scope():`."
    )


async def test_async_teardowns_are_awaited_lifo(app: Container) -> None:
    events: list[str] = []

    def factory(name: str) -> object:
        async def resource() -> AsyncIterator[str]:
            yield name
            await asyncio.sleep(0)
            events.append(name)

        return resource

    app.scoped("a", factory("a"))
    app.scoped("b", factory("b"))

    async with app.scope():
        pass

    assert events == ["b", "a"]


async def test_a_failing_async_opener_closes_what_was_opened(app: Container) -> None:
    events: list[str] = []

    async def first() -> AsyncIterator[str]:
        yield "first"
        events.append("first closed")

    async def second() -> str:
        raise RuntimeError("cannot connect")

    app.scoped("first", first)
    app.scoped("second", second)
    app.scoped(Repository)

    with pytest.raises(RuntimeError, match="cannot connect"):
        async with app.scope():
            pass

    assert events == ["first closed"]
    with pytest.raises(ScopeError):
        app.make(Repository)


async def test_sync_generator_scoped_in_an_async_scope(app: Container) -> None:
    events: list[str] = []

    def resource() -> Iterator[str]:
        yield "r"
        events.append("closed")

    app.scoped("r", resource)

    async with app.scope():
        assert app.make("r") == "r"

    assert events == ["closed"]


async def test_concurrent_requests_get_their_own_scoped_instances(app: Container) -> None:
    app.scoped_value(Request)
    app.scoped(RequestService)
    app.scoped(Repository)

    async def handle(path: str) -> bool:
        async with app.scope() as scope:
            request = scope.instance(Request, Request(path))
            service = app.make(RequestService)
            await asyncio.sleep(0)
            again = app.make(RequestService)
            await asyncio.sleep(0)
            return (
                service is again
                and service.request is request
                and app.make(Request).path == path
                and app.make(Repository) is service.repository
            )

    results = await asyncio.gather(*(handle(f"/{n}") for n in range(50)))

    assert all(results)


async def test_concurrent_scopes_do_not_share_instances(app: Container) -> None:
    app.scoped(Repository)

    async def handle() -> Repository:
        async with app.scope():
            repository = app.make(Repository)
            await asyncio.sleep(0)
            return repository

    repositories = await asyncio.gather(*(handle() for _ in range(50)))

    assert len({id(repository) for repository in repositories}) == 50


async def test_child_tasks_share_their_parents_scope(app: Container) -> None:
    app.scoped(Repository)

    async def child() -> Repository:
        await asyncio.sleep(0)
        return app.make(Repository)

    async with app.scope():
        children = await asyncio.gather(*(asyncio.create_task(child()) for _ in range(5)))
        created_first_by_a_child = app.make(Repository)

    assert all(repository is created_first_by_a_child for repository in children)


def test_resolving_runs_once_per_scope_for_a_scoped_binding(app: Container) -> None:
    seen: list[object] = []
    app.scoped(Repository)
    app.resolving(Repository, lambda repository, container: seen.append(repository))

    with app.scope():
        app.make(Repository)
        app.make(Repository)
    with app.scope():
        app.make(Repository)

    assert len(seen) == 2


def test_extend_a_generator_scoped_binding(app: Container) -> None:
    def resource() -> Iterator[str]:
        yield "r"

    app.scoped("r", resource)
    app.extend("r", lambda value, container: value * 2)

    with app.scope():
        assert app.make("r") == "rr"


async def test_extend_an_async_scoped_binding(app: Container) -> None:
    async def resource() -> str:
        return "r"

    app.scoped("r", resource)
    app.extend("r", lambda value, container: value * 3)

    async with app.scope():
        assert app.make("r") == "rrr"


async def test_a_value_supplied_before_opening_skips_the_async_factory(app: Container) -> None:
    async def resource() -> str:
        raise AssertionError("not called when supplied")

    app.scoped("r", resource)

    scope = app.scope()
    scope.instance("r", "given")
    async with scope:
        assert app.make("r") == "given"


def test_supplying_scopes_open_a_scope_holding_the_value(app: Container) -> None:
    app.scoped_value(Request)
    app.scoped(Repository)
    app.bind(RequestService)
    scopes = SupplyingScopes(app.scope, Request)
    request = Request("/a")

    opened = scopes.open(request)
    assert opened is not None
    try:
        built = app.make(RequestService)
        assert built.request is request
        assert app.make(Repository) is built.repository  # one per scope
    finally:
        scopes.close(opened)

    with pytest.raises(ScopeError, match="no scope is open"):
        app.make(Repository)


def test_supplying_scopes_close_runs_teardowns_and_restores_the_outer_scope(
    app: Container,
) -> None:
    events: list[str] = []

    def repository() -> Iterator[Repository]:
        events.append("open")
        yield Repository()
        events.append("close")

    app.scoped_value(Request)
    app.scoped(Repository, repository)
    scopes = SupplyingScopes(app.scope, Request)
    with app.scope() as outer:
        outer.instance(Request, Request("/outer"))
        opened = scopes.open(Request("/inner"))
        assert opened is not None
        app.make(Repository)
        scopes.close(opened)
        assert events == ["open", "close"]
        assert app.make(Request).path == "/outer"


def test_supplying_scopes_refuse_an_undeclared_key_as_scope_instance_does(
    app: Container,
) -> None:
    with pytest.raises(ScopeError, match=r"^Cannot supply Request to this scope"):
        SupplyingScopes(app.scope, Request).open(Request("/"))


async def test_supplying_scopes_step_aside_for_async_scoped_factories(app: Container) -> None:
    async def connection() -> str:
        return "db"

    app.scoped_value(Request)
    scopes = SupplyingScopes(app.scope, Request)
    opened = scopes.open(Request("/"))
    assert opened is not None
    scopes.close(opened)
    app.scoped("connection", connection)  # after the SupplyingScopes were made: still seen
    assert scopes.open(Request("/")) is None
