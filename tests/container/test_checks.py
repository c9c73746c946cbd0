"""Refusals: what cannot be bound, parameters a concrete does not take, bad keys."""

from typing import Any

import pytest

from orionis.container import BindingError, Container
from tests.container.services import Cache, Clock, Mailer, Service


def test_make_with_an_unhashable_abstract_says_what_an_abstract_is(app: Container) -> None:
    with pytest.raises(BindingError, match=r"Cannot resolve \[\]: an abstract is a class"):
        app.make([])


def test_bind_without_a_concrete_for_a_string_key_is_refused(app: Container) -> None:
    with pytest.raises(BindingError) as caught:
        app.bind("mailer")

    assert str(caught.value).startswith("Cannot bind 'mailer' without a concrete")


def test_binding_an_abstract_class_to_itself_is_refused(app: Container) -> None:
    with pytest.raises(BindingError, match=r"Cannot bind Cache to itself: it is abstract"):
        app.singleton(Cache)


def test_binding_to_something_not_callable_points_to_instance(app: Container) -> None:
    with pytest.raises(BindingError, match=r"use app.instance\(Mailer, obj\)"):
        app.bind(Mailer, 42)


def test_a_transient_generator_factory_is_refused(app: Container) -> None:
    def session() -> Any:
        yield object()

    with pytest.raises(BindingError, match=r"Use app.singleton\(Mailer, ...\) or app.scoped"):
        app.bind(Mailer, session)


def test_make_params_with_an_unknown_name_are_refused(app: Container) -> None:
    with pytest.raises(BindingError) as caught:
        app.make(Service, clok=Clock())

    assert str(caught.value) == (
        "make(Service) got the parameter 'clok', which Service does not take "
        "(it takes: clock, repository). Did you mean 'clock'?"
    )


def test_make_params_on_an_instance_binding_are_refused(app: Container) -> None:
    app.instance(Clock, Clock())

    with pytest.raises(BindingError, match=r"but Clock is an instance binding, which takes none"):
        app.make(Clock, x=1)


def test_make_params_on_a_scoped_value_are_refused(app: Container) -> None:
    app.scoped_value("request")

    with pytest.raises(BindingError, match=r"but 'request' is a scoped value, which takes none"):
        app.make("request", path="/")


def test_make_params_on_a_tag_list_are_refused(app: Container) -> None:
    from orionis.container.keys import TagKey

    with pytest.raises(BindingError, match=r"is a tag list, which takes none"):
        app.make(TagKey("reports"), x=1)


def test_make_params_on_a_generator_factory_are_refused(app: Container) -> None:
    def session() -> Any:
        yield "session"

    app.scoped("session", session)

    with pytest.raises(BindingError, match=r"is built by a generator factory, which takes none"):
        app.make("session", x=1)
