"""What each parameter receives: defaults, optionals, primitives, and the errors."""

from typing import Any

import pytest

from orionis.container import (
    BindingNotFoundError,
    Container,
    PrimitiveParameterError,
    UnannotatedParameterError,
    UnresolvableParameterError,
)
from tests.container.services import Clock, HttpClient, Mailer, SmtpMailer


class WithDefaults:
    def __init__(self, mailer: Mailer | None = None, name: str = "n", clock: Clock | None = None):
        self.mailer = mailer
        self.name = name
        self.clock = clock


class Unannotated:
    def __init__(self, clock: Clock, thing) -> None:  # type: ignore[no-untyped-def]
        self.thing = thing


class NeedsList:
    def __init__(self, items: list[Clock]) -> None:
        self.items = items


class Wraps:
    def __init__(self, client: HttpClient) -> None:
        self.client = client


class PositionalOnly:
    def __init__(self, clock: Clock, /, label: str = "x") -> None:
        self.clock = clock
        self.label = label


def test_unresolvable_parameters_with_defaults_keep_them(app: Container) -> None:
    built = app.make(WithDefaults)

    assert built.mailer is None
    assert built.name == "n"
    assert isinstance(built.clock, Clock)


def test_optional_parameters_are_injected_when_bound(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)

    assert isinstance(app.make(WithDefaults).mailer, SmtpMailer)


def test_positional_only_parameters_are_injected(app: Container) -> None:
    built = app.make(PositionalOnly)

    assert isinstance(built.clock, Clock)
    assert built.label == "x"


def test_primitive_without_default_names_class_parameter_and_fix(app: Container) -> None:
    with pytest.raises(PrimitiveParameterError) as caught:
        app.make(HttpClient)

    assert str(caught.value) == (
        "Cannot build HttpClient: parameter 'timeout: int' has no default, and int values are "
        "never autowired. Give it a default or a contextual value: "
        'app.when(HttpClient).needs("timeout").give(<int>).'
    )


def test_primitive_error_names_the_chain(app: Container) -> None:
    with pytest.raises(
        PrimitiveParameterError, match=r"autowired while building Wraps -> HttpClient\."
    ):
        app.make(Wraps)


def test_primitive_given_as_a_make_param(app: Container) -> None:
    assert app.make(HttpClient, timeout=3).timeout == 3


def test_unannotated_without_default_names_class_parameter_and_fix(app: Container) -> None:
    with pytest.raises(UnannotatedParameterError) as caught:
        app.make(Unannotated)

    assert str(caught.value) == (
        "Cannot build Unannotated: parameter 'thing' has no type annotation and no default. "
        "Annotate it (thing: SomeService), give it a default, or give it a value: "
        'app.when(Unannotated).needs("thing").give(...).'
    )


def test_unannotated_parameter_given_by_name(app: Container) -> None:
    app.when(Unannotated).needs("thing").give(42)

    assert app.make(Unannotated).thing == 42


def test_unresolvable_type_names_the_parameter(app: Container) -> None:
    with pytest.raises(UnresolvableParameterError) as caught:
        app.make(NeedsList)

    assert str(caught.value) == (
        "Cannot build NeedsList: parameter 'items: list[Clock]' has a type the container cannot "
        "build and no default. Give it a default, bind list[Clock], or give it a value: "
        'app.when(NeedsList).needs("items").give(...).'
    )


def test_a_bound_generic_type_is_injected(app: Container) -> None:
    clocks = [Clock()]
    app.instance(list[Clock], clocks)

    assert app.make(NeedsList).items is clocks


def test_missing_binding_names_the_chain_and_the_fix(app: Container) -> None:
    from tests.container.services import HomeController

    with pytest.raises(BindingNotFoundError) as caught:
        app.make(HomeController)

    assert str(caught.value) == (
        "No binding for Mailer while building HomeController -> Notifier -> Mailer. Mailer is "
        "abstract (a Protocol/ABC), so it cannot be built automatically. Bind it in a provider's "
        "register(): app.singleton(Mailer, <concrete class or factory>)."
    )


def test_missing_binding_of_an_abc_names_a_subclass(app: Container) -> None:
    from tests.container.services import ArrayCache, Cache

    assert ArrayCache
    with pytest.raises(BindingNotFoundError) as caught:
        app.make(Cache)

    assert str(caught.value) == (
        "No binding for Cache. Cache is abstract (a Protocol/ABC), so it cannot be built "
        "automatically. Bind it in a provider's register(): app.singleton(Cache, ArrayCache)."
    )


def test_missing_string_key_suggests_close_names(app: Container) -> None:
    app.singleton("mailer", SmtpMailer)

    with pytest.raises(BindingNotFoundError) as caught:
        app.make("mailr")

    assert str(caught.value) == (
        "No binding for 'mailr'. Bind it in a provider's register(): "
        "app.singleton('mailr', <class or factory>). Did you mean 'mailer'?"
    )


def test_missing_builtin_type_says_it_is_never_built(app: Container) -> None:
    with pytest.raises(BindingNotFoundError, match=r"int is a builtin type, which the container"):
        app.make(int)


def test_missing_non_class_key(app: Container) -> None:
    key: Any = list[int]
    with pytest.raises(BindingNotFoundError, match=r"is not a class, so it cannot be built"):
        app.make(key)
