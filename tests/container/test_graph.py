"""Rebinding after resolve, cycles, and the compiled graph staying current."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from orionis.container import BindingNotFoundError, CircularDependencyError, Container
from tests.container.services import (
    Clock,
    FakeMailer,
    HomeController,
    Mailer,
    Notifier,
    Service,
    SmtpMailer,
)


class First:
    def __init__(self, second: "Second") -> None:
        self.second = second


class Second:
    def __init__(self, third: "Third") -> None:
        self.third = third


class Third:
    def __init__(self, first: First) -> None:
        self.first = first


class SelfLoop:
    def __init__(self, again: "SelfLoop") -> None:
        self.again = again


def test_instance_after_resolve_reaches_dependents(app: Container) -> None:
    app.singleton(Mailer, SmtpMailer)
    assert isinstance(app.make(HomeController).notifier.mailer, SmtpMailer)
    fake = FakeMailer()

    app.instance(Mailer, fake)

    assert app.make(HomeController).notifier.mailer is fake


def test_bind_after_resolve_reaches_dependents(app: Container) -> None:
    app.instance(Mailer, FakeMailer())
    app.make(HomeController)

    app.bind(Mailer, SmtpMailer)

    assert isinstance(app.make(HomeController).notifier.mailer, SmtpMailer)


def test_rebinding_an_autowired_dependency_reaches_dependents(app: Container) -> None:
    app.make(Service)
    clock = Clock()

    app.instance(Clock, clock)

    assert app.make(Service).clock is clock


def test_forget_after_resolve_reaches_dependents(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    app.make(Notifier)

    app.forget(Mailer)

    with pytest.raises(BindingNotFoundError):
        app.make(Notifier)


def test_rebinding_repeatedly_keeps_following(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    for _ in range(3):
        fake = FakeMailer()
        app.instance(Mailer, fake)
        assert app.make(HomeController).notifier.mailer is fake
        app.bind(Mailer, SmtpMailer)
        assert isinstance(app.make(HomeController).notifier.mailer, SmtpMailer)


def test_a_created_singleton_keeps_what_it_was_built_with(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    app.singleton(Notifier)
    notifier = app.make(Notifier)

    app.instance(Mailer, FakeMailer())

    assert app.make(Notifier) is notifier


def test_a_singleton_not_created_yet_uses_the_new_binding(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    app.singleton(Notifier)
    app.validate()
    fake = FakeMailer()

    app.instance(Mailer, fake)

    assert app.make(Notifier).mailer is fake


def test_rebinding_a_created_singleton_builds_a_new_one(app: Container) -> None:
    app.singleton(Clock)
    first = app.make(Clock)

    app.singleton(Clock)

    assert app.make(Clock) is not first
    assert app.make(Service).clock is app.make(Clock)


def test_cycle_names_every_class_in_it(app: Container) -> None:
    with pytest.raises(CircularDependencyError) as caught:
        app.make(First)

    assert str(caught.value).startswith("Circular dependency: First -> Second -> Third -> First.")
    assert caught.value.cycle == ("First", "Second", "Third", "First")


def test_cycle_entered_from_outside_names_only_the_cycle(app: Container) -> None:
    class Outside:
        def __init__(self, second: Second) -> None:
            self.second = second

    with pytest.raises(CircularDependencyError) as caught:
        app.make(Outside)

    assert caught.value.cycle == ("Second", "Third", "First", "Second")


def test_a_class_needing_itself_is_a_cycle(app: Container) -> None:
    with pytest.raises(
        CircularDependencyError, match=r"^Circular dependency: SelfLoop -> SelfLoop"
    ):
        app.make(SelfLoop)


def test_cycle_message_says_how_to_break_it(app: Container) -> None:
    with pytest.raises(CircularDependencyError, match=r"Break the cycle: inject the Container"):
        app.make(First)


def test_concurrent_first_compiles_build_one_consistent_graph(app: Container) -> None:
    app.singleton(Clock)
    app.bind(Mailer, SmtpMailer)
    barrier = threading.Barrier(8)

    def resolve(_: int) -> HomeController:
        barrier.wait()
        return app.make(HomeController)

    with ThreadPoolExecutor(max_workers=8) as pool:
        controllers = list(pool.map(resolve, range(8)))

    assert all(isinstance(c.notifier.mailer, SmtpMailer) for c in controllers)
    assert len({id(c) for c in controllers}) == 8


def test_resolving_never_reads_signatures_again(
    app: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orionis.container.planner as planner

    app.bind(Mailer, SmtpMailer)
    app.make(HomeController)

    def fail(target: object) -> None:
        raise AssertionError(f"read the signature of {target} again")

    monkeypatch.setattr(planner, "read_signature", fail)
    fake = FakeMailer()
    app.instance(Mailer, fake)
    app.bind(Mailer, SmtpMailer)
    app.instance(Mailer, fake)

    for _ in range(3):
        assert app.make(HomeController).notifier.mailer is fake
