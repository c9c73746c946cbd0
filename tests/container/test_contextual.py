"""Contextual binding: when(...).needs(...).give / give_tagged / give_config."""

from typing import Any

import pytest

from orionis.container import BindingError, BindingNotFoundError, Container
from tests.container.services import (
    Clock,
    FakeMailer,
    HomeController,
    HttpClient,
    Mailer,
    Notifier,
    Repository,
    SmtpMailer,
)


class AlertNotifier:
    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer


class Dashboard:
    def __init__(self, widgets: list[Any], title: str = "Dashboard") -> None:
        self.widgets = widgets
        self.title = title


class Config:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def get(self, key: str) -> Any:
        return self.values[key]


def test_give_a_class_for_one_consumer_only(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    app.when(AlertNotifier).needs(Mailer).give(FakeMailer)

    assert isinstance(app.make(AlertNotifier).mailer, FakeMailer)
    assert isinstance(app.make(Notifier).mailer, SmtpMailer)


def test_give_a_class_uses_that_class_binding(app: Container) -> None:
    shared = FakeMailer()
    app.instance(FakeMailer, shared)
    app.when(AlertNotifier).needs(Mailer).give(FakeMailer)

    assert app.make(AlertNotifier).mailer is shared


def test_give_an_object(app: Container) -> None:
    fake = FakeMailer()
    app.when(Notifier).needs(Mailer).give(fake)

    assert app.make(Notifier).mailer is fake


def test_give_a_factory_with_injected_parameters(app: Container) -> None:
    app.singleton(Clock)

    def build_mailer(clock: Clock) -> FakeMailer:
        mailer = FakeMailer()
        mailer.sent.append(str(id(clock)))
        return mailer

    app.when(Notifier).needs(Mailer).give(build_mailer)

    assert app.make(Notifier).mailer.sent == [str(id(app.make(Clock)))]


def test_give_a_primitive_by_parameter_name(app: Container) -> None:
    app.when(HttpClient).needs("timeout").give(30)

    client = app.make(HttpClient)

    assert client.timeout == 30
    assert client.retries == 3


def test_a_primitive_by_name_overrides_the_default(app: Container) -> None:
    app.when(HttpClient).needs("timeout").give(5)
    app.when(HttpClient).needs("retries").give(9)

    assert app.make(HttpClient).retries == 9


def test_a_value_given_by_name_is_never_called(app: Container) -> None:
    app.when(Dashboard).needs("widgets").give(list)

    assert app.make(Dashboard).widgets is list


def test_when_accepts_a_list_of_consumers(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    app.when([Notifier, AlertNotifier]).needs(Mailer).give(FakeMailer)

    assert isinstance(app.make(Notifier).mailer, FakeMailer)
    assert isinstance(app.make(AlertNotifier).mailer, FakeMailer)


def test_rule_on_the_abstract_applies_to_its_factory(app: Container) -> None:
    def make_client(clock: Clock, timeout: int) -> HttpClient:
        return HttpClient(clock, timeout)

    app.bind(HttpClient, make_client)
    app.when(HttpClient).needs("timeout").give(12)

    assert app.make(HttpClient).timeout == 12


def test_rule_on_the_factory_itself(app: Container) -> None:
    def make_client(clock: Clock, timeout: int) -> HttpClient:
        return HttpClient(clock, timeout)

    app.bind(HttpClient, make_client)
    app.when(make_client).needs("timeout").give(7)

    assert app.make(HttpClient).timeout == 7


def test_rule_added_after_the_consumer_was_resolved(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    app.make(HomeController)

    app.when(Notifier).needs(Mailer).give(FakeMailer)

    assert isinstance(app.make(HomeController).notifier.mailer, FakeMailer)


def test_rule_added_after_a_call_reaches_the_next_call(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)

    def action(mailer: Mailer) -> Mailer:
        return mailer

    app.call(action)
    app.when(action).needs(Mailer).give(FakeMailer)

    assert isinstance(app.call(action), FakeMailer)


def test_give_tagged(app: Container) -> None:
    app.tag([Clock, Repository], "widgets")
    app.when(Dashboard).needs("widgets").give_tagged("widgets")

    assert [type(widget) for widget in app.make(Dashboard).widgets] == [Clock, Repository]


def test_give_tagged_by_type(app: Container) -> None:
    app.tag([Clock], "widgets")
    app.when(Dashboard).needs(list[Any]).give_tagged("widgets")

    assert [type(widget) for widget in app.make(Dashboard).widgets] == [Clock]


def test_give_tagged_follows_later_tags(app: Container) -> None:
    app.tag(Clock, "widgets")
    app.when(Dashboard).needs("widgets").give_tagged("widgets")
    app.make(Dashboard)

    app.tag(Repository, "widgets")

    assert [type(widget) for widget in app.make(Dashboard).widgets] == [Clock, Repository]


def test_give_config_reads_the_config_binding_when_building(app: Container) -> None:
    config = Config({"http.timeout": 10})
    app.instance("config", config)
    app.when(HttpClient).needs("timeout").give_config("http.timeout")
    assert app.make(HttpClient).timeout == 10

    config.values["http.timeout"] = 20

    assert app.make(HttpClient).timeout == 20


def test_give_config_through_an_alias(app: Container) -> None:
    app.instance(Config, Config({"app.name": "Orionis"}))
    app.alias(Config, "config")
    app.when(Dashboard).needs("title").give_config("app.name")
    app.when(Dashboard).needs("widgets").give([])

    assert app.make(Dashboard).title == "Orionis"


def test_give_config_without_a_config_binding_says_so(app: Container) -> None:
    app.when(HttpClient).needs("timeout").give_config("http.timeout")

    with pytest.raises(BindingNotFoundError, match=r"^No binding for 'config' while building "):
        app.make(HttpClient)


def test_a_generator_factory_cannot_be_given(app: Container) -> None:
    def session() -> Any:
        yield FakeMailer()

    with pytest.raises(BindingError, match=r"its teardown needs a lifetime that ends"):
        app.when(Notifier).needs(Mailer).give(session)
