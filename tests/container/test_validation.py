"""validate(): missing bindings, cycles and singletons that reach scoped bindings."""

import pytest

from orionis.container import (
    BindingNotFoundError,
    CircularDependencyError,
    Container,
    ScopeMismatchError,
)
from tests.container.services import HomeController, Mailer, SmtpMailer


class RequestService:
    pass


class Cache:
    def __init__(self, service: RequestService) -> None:
        self.service = service


class Helper:
    def __init__(self, service: RequestService) -> None:
        self.service = service


class Reports:
    def __init__(self, helper: Helper) -> None:
        self.helper = helper


class Request:
    pass


class Session:
    def __init__(self, request: Request) -> None:
        self.request = request


class Ping:
    def __init__(self, pong: "Pong") -> None:
        self.pong = pong


class Pong:
    def __init__(self, ping: Ping) -> None:
        self.ping = ping


def test_a_valid_graph_passes(app: Container) -> None:
    app.scoped(RequestService)
    app.scoped(Cache)
    app.singleton(Mailer, SmtpMailer)
    app.bind(HomeController)

    app.validate()


def test_singleton_depending_on_scoped_is_rejected(app: Container) -> None:
    app.scoped(RequestService)
    app.singleton(Cache)

    with pytest.raises(ScopeMismatchError) as caught:
        app.validate()

    assert str(caught.value) == (
        "Singleton Cache depends on scoped RequestService (Cache -> RequestService). A singleton "
        "lives for the whole app and would keep the first request's instance: make Cache "
        "scoped, or RequestService a singleton."
    )


def test_the_path_through_transients_is_named(app: Container) -> None:
    app.scoped(RequestService)
    app.singleton(Reports)

    with pytest.raises(ScopeMismatchError) as caught:
        app.validate()

    assert caught.value.path == ("Reports", "Helper", "RequestService")


def test_singleton_depending_on_a_scoped_value_is_rejected(app: Container) -> None:
    app.scoped_value(Request)
    app.singleton(Session)

    with pytest.raises(ScopeMismatchError) as caught:
        app.validate()

    assert str(caught.value).endswith(
        "would keep the first request's instance: make Session scoped (Request is supplied per "
        "scope)."
    )


def test_missing_bindings_are_reported(app: Container) -> None:
    app.bind(HomeController)

    with pytest.raises(BindingNotFoundError) as caught:
        app.validate()

    assert caught.value.chain == ("HomeController", "Notifier", "Mailer")


def test_cycles_are_reported(app: Container) -> None:
    app.bind(Ping)

    with pytest.raises(
        CircularDependencyError, match=r"^Circular dependency: Ping -> Pong -> Ping"
    ):
        app.validate()


def test_contextual_factories_are_validated(app: Container) -> None:
    def build_mailer(cache: Cache) -> SmtpMailer:
        return SmtpMailer()

    app.when(HomeController).needs(Mailer).give(build_mailer)
    app.scoped(RequestService)
    app.singleton(Cache)

    with pytest.raises(ScopeMismatchError):
        app.validate()
