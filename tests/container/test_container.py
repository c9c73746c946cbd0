import asyncio
from typing import Any

import pytest

from orionis.container import BindingError, BindingNotFoundError, Container
from tests.container.services import (
    ArrayCache,
    Cache,
    Clock,
    Controller,
    FakeMailer,
    HomeController,
    Mailer,
    Notifier,
    Repository,
    Service,
    SmtpMailer,
)


def test_autowires_an_unbound_class_from_its_constructor(app: Container) -> None:
    controller = app.make(Controller)

    assert isinstance(controller.service.repository, Repository)
    assert isinstance(controller.service.clock, Clock)


def test_bind_builds_a_new_instance_each_time(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)

    first, second = app.make(Mailer), app.make(Mailer)

    assert isinstance(first, SmtpMailer)
    assert first is not second


def test_singleton_builds_once(app: Container) -> None:
    app.singleton(Clock)

    assert app.make(Clock) is app.make(Clock)


def test_singleton_injected_into_transients_is_shared(app: Container) -> None:
    app.singleton(Clock)

    assert app.make(Controller).service.clock is app.make(Controller).service.clock


def test_instance_returns_the_object_and_resolves_to_it(app: Container) -> None:
    mailer = FakeMailer()

    assert app.instance(Mailer, mailer) is mailer
    assert app.make(HomeController).notifier.mailer is mailer


def test_factory_function_gets_its_parameters_injected(app: Container) -> None:
    app.singleton(Clock)

    def make_service(repository: Repository, clock: Clock) -> Service:
        return Service(repository, clock)

    app.bind(Service, make_service)

    assert app.make(Controller).service.clock is app.make(Clock)


def test_unannotated_app_parameter_of_a_factory_receives_the_container(app: Container) -> None:
    app.bind(Mailer, lambda app: app)

    assert app.make(Mailer) is app


def test_classes_asking_for_the_container_receive_it(app: Container) -> None:
    class NeedsContainer:
        def __init__(self, container: Container) -> None:
            self.container = container

    assert app.make(NeedsContainer).container is app


def test_a_subclass_binds_itself_too() -> None:
    class Application(Container):
        pass

    class NeedsApplication:
        def __init__(self, application: Application) -> None:
            self.application = application

    application = Application()

    assert application.make(NeedsApplication).application is application


def test_string_keys_and_getitem(app: Container) -> None:
    app.singleton("mailer", SmtpMailer)

    assert app["mailer"] is app.make("mailer")


def test_alias_resolves_the_abstract(app: Container) -> None:
    app.singleton(Mailer, SmtpMailer)
    app.alias(Mailer, "mailer")

    assert app.make("mailer") is app.make(Mailer)
    assert app.bound("mailer")


def test_alias_to_itself_is_refused(app: Container) -> None:
    app.alias("mail", "mailer")

    with pytest.raises(
        BindingError, match=r"Cannot alias 'mailer' as 'mail': 'mail' would resolve to itself"
    ):
        app.alias("mailer", "mail")


def test_binding_an_alias_name_replaces_the_alias(app: Container) -> None:
    app.singleton(Mailer, SmtpMailer)
    app.alias(Mailer, "mailer")
    app.make("mailer")

    app.instance("mailer", "plain")

    assert app.make("mailer") == "plain"


def test_bind_if_keeps_an_existing_binding(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    app.bind_if(Mailer, FakeMailer)
    app.singleton_if(Mailer, FakeMailer)
    app.scoped_if(Mailer, FakeMailer)

    assert isinstance(app.make(Mailer), SmtpMailer)


def test_bind_if_binds_when_unbound(app: Container) -> None:
    app.singleton_if(Mailer, SmtpMailer)
    app.bind_if(Cache, ArrayCache)
    app.scoped_if(Clock)

    assert app.make(Mailer) is app.make(Mailer)
    assert isinstance(app.make(Cache), ArrayCache)
    assert app.bound(Clock)


def test_bound_and_forget(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    assert app.bound(Mailer)

    app.forget(Mailer)

    assert not app.bound(Mailer)
    with pytest.raises(BindingNotFoundError):
        app.make(Mailer)


def test_forget_an_alias_keeps_the_binding(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    app.alias(Mailer, "mailer")

    app.forget("mailer")

    assert not app.bound("mailer")
    assert isinstance(app.make(Mailer), SmtpMailer)


def test_autowired_classes_are_not_bound(app: Container) -> None:
    app.make(Clock)

    assert not app.bound(Clock)


def test_make_params_override_the_top_level_constructor_only(app: Container) -> None:
    repository = Repository()

    service = app.make(Service, repository=repository)

    assert service.repository is repository
    assert isinstance(service.clock, Clock)


def test_make_params_give_a_fresh_instance_even_for_a_singleton(app: Container) -> None:
    app.singleton(Service)
    shared = app.make(Service)

    custom = app.make(Service, clock=Clock())

    assert custom is not shared
    assert app.make(Service) is shared


async def test_amake_awaits_an_async_transient_factory(app: Container) -> None:
    async def connect(clock: Clock) -> FakeMailer:
        await asyncio.sleep(0)
        return FakeMailer()

    app.bind(Mailer, connect)

    assert isinstance(await app.amake(Mailer), FakeMailer)
    assert isinstance(await app.amake(Clock), Clock)


async def test_amake_passes_params(app: Container) -> None:
    async def connect(name: str) -> str:
        return name

    app.bind("connection", connect)

    assert await app.amake("connection", name="db") == "db"


def test_tagged_resolves_in_tag_order(app: Container) -> None:
    app.singleton(Clock)
    app.tag([Clock, Repository], "infra")
    app.tag(Service, "infra", "domain")

    infra = app.tagged("infra")

    assert [type(item) for item in infra] == [Clock, Repository, Service]
    assert infra[0] is app.make(Clock)
    assert [type(item) for item in app.tagged("domain")] == [Service]


def test_tagged_with_an_unknown_tag_is_empty(app: Container) -> None:
    assert app.tagged("nothing") == []


def test_tagging_after_resolving_a_tag_updates_it(app: Container) -> None:
    app.tag(Clock, "reports")
    app.tagged("reports")

    app.tag(Repository, "reports")

    assert [type(item) for item in app.tagged("reports")] == [Clock, Repository]


def test_extend_decorates_every_transient(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    app.extend(Mailer, lambda mailer, container: ("wrapped", mailer, container))

    wrapped = app.make(Mailer)

    assert wrapped[0] == "wrapped"
    assert isinstance(wrapped[1], SmtpMailer)
    assert wrapped[2] is app


def test_extend_applies_to_dependents_too(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    app.make(HomeController)
    fake = FakeMailer()

    app.extend(Mailer, lambda mailer, container: fake)

    assert app.make(HomeController).notifier.mailer is fake


def test_extend_a_singleton_runs_once(app: Container) -> None:
    calls: list[object] = []
    app.singleton(Clock)
    app.extend(Clock, lambda clock, container: calls.append(clock) or clock)

    assert app.make(Clock) is app.make(Clock)
    assert len(calls) == 1


def test_extend_an_existing_instance_applies_at_once(app: Container) -> None:
    app.singleton(Clock)
    original = app.make(Clock)
    replacement = Clock()

    app.extend(Clock, lambda clock, container: replacement if clock is original else None)

    assert app.make(Clock) is replacement
    assert app.make(Service).clock is replacement


def test_extend_an_instance_binding(app: Container) -> None:
    app.instance("name", "orionis")

    app.extend("name", lambda value, container: value.upper())

    assert app.make("name") == "ORIONIS"


def test_resolving_callbacks_run_in_registration_order(app: Container) -> None:
    seen: list[tuple[str, object]] = []
    app.resolving(Clock, lambda clock, container: seen.append(("first", clock)))
    app.resolving(Clock, lambda clock, container: seen.append(("second", clock)))

    clock = app.make(Clock)
    app.make(Service)

    assert seen[:2] == [("first", clock), ("second", clock)]
    assert [name for name, _ in seen] == ["first", "second", "first", "second"]


def test_resolving_runs_once_for_a_singleton(app: Container) -> None:
    seen: list[object] = []
    app.singleton(Clock)
    app.resolving(Clock, lambda clock, container: seen.append(clock))

    app.make(Clock)
    app.make(Clock)

    assert seen == [app.make(Clock)]


def test_extenders_run_before_resolving_callbacks(app: Container) -> None:
    seen: list[object] = []
    app.bind("value", lambda: 1)
    app.resolving("value", lambda value, container: seen.append(value))
    app.extend("value", lambda value, container: value + 1)

    assert app.make("value") == 2
    assert seen == [2]


def test_make_params_still_run_callbacks(app: Container) -> None:
    app.bind("greeting", lambda name="world": f"hello {name}")
    app.extend("greeting", lambda value, container: value.upper())

    assert app.make("greeting", name="you") == "HELLO YOU"


def test_deferred_hook_registers_before_an_abstract_counts_as_unbound() -> None:
    asked: list[object] = []

    class Application(Container):
        def _resolve_deferred(self, abstract: Any) -> bool:
            asked.append(abstract)
            if abstract is Mailer:
                self.singleton(Mailer, SmtpMailer)
                return True
            return False

    application = Application()

    assert isinstance(application.make(HomeController).notifier.mailer, SmtpMailer)
    assert Mailer in asked


def test_deferred_hook_is_asked_for_string_keys() -> None:
    class Application(Container):
        def _resolve_deferred(self, abstract: Any) -> bool:
            if abstract == "mailer":
                self.singleton("mailer", SmtpMailer)
                return True
            return False

    assert isinstance(Application().make("mailer"), SmtpMailer)


def test_notifier_with_bound_mailer_is_built(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)

    assert isinstance(app.make(Notifier).mailer, SmtpMailer)


# call / compile_call ----------------------------------------------------------------------


class Mailbox:
    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer

    def deliver(self, to: str, clock: Clock) -> tuple[str, Clock, Mailer]:
        return to, clock, self.mailer

    @classmethod
    def build(cls, clock: Clock) -> Clock:
        return clock


def test_call_injects_by_type_and_takes_params_by_name(app: Container) -> None:
    app.singleton(Clock)

    def handler(name: str, clock: Clock) -> tuple[str, Clock]:
        return name, clock

    assert app.call(handler, name="x") == ("x", app.make(Clock))


def test_call_params_override_injection(app: Container) -> None:
    clock = Clock()

    def handler(clock: Clock) -> Clock:
        return clock

    assert app.call(handler, clock=clock) is clock


def test_call_a_bound_method(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    mailbox = app.make(Mailbox)

    to, clock, mailer = app.call(mailbox.deliver, to="a@b.c")

    assert (to, mailer) == ("a@b.c", mailbox.mailer)
    assert isinstance(clock, Clock)


def test_call_a_classmethod(app: Container) -> None:
    assert isinstance(app.call(Mailbox.build), Clock)


def test_call_a_class_builds_it(app: Container) -> None:
    repository = Repository()

    service = app.call(Service, repository=repository)

    assert service.repository is repository


async def test_call_returns_a_coroutine_for_an_async_function(app: Container) -> None:
    async def handler(clock: Clock) -> Clock:
        return clock

    pending = app.call(handler)

    assert asyncio.iscoroutine(pending)
    assert isinstance(await pending, Clock)


def test_call_reads_the_signature_once_per_function(
    app: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orionis.container.planner as planner

    reads: list[object] = []
    real = planner.read_signature
    monkeypatch.setattr(planner, "read_signature", lambda fn: reads.append(fn) or real(fn))
    app.bind(Mailer, SmtpMailer)
    mailbox = app.make(Mailbox)
    other = app.make(Mailbox)

    for box in (mailbox, other, mailbox):
        app.call(box.deliver, to="x")
    app.call(mailbox.deliver, to="y", clock=Clock())

    assert reads.count(Mailbox.deliver) == 1


def test_call_sees_rebinding(app: Container) -> None:
    def handler(mailer: Mailer) -> Mailer:
        return mailer

    app.bind(Mailer, SmtpMailer)
    app.call(handler)
    fake = FakeMailer()
    app.instance(Mailer, fake)

    assert app.call(handler) is fake


def test_compile_call_takes_the_provided_names(app: Container) -> None:
    app.singleton(Clock)

    def show(id: int, clock: Clock) -> tuple[int, Clock]:
        return id, clock

    plan = app.compile_call(show, ["id"])

    assert plan(id=5) == (5, app.make(Clock))


def test_compile_call_for_a_controller_action(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    build = app.compile_call(Mailbox)
    deliver = app.compile_call(Mailbox.deliver, ("self", "to"))

    mailbox = build()
    to, clock, mailer = deliver(self=mailbox, to="x")

    assert (to, mailer) == ("x", mailbox.mailer)
    assert isinstance(clock, Clock)


def test_compile_call_of_a_bound_method(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    mailbox = app.make(Mailbox)

    deliver = app.compile_call(mailbox.deliver, ["to"])

    assert deliver(to="x")[2] is mailbox.mailer


def test_compile_call_sees_later_rebinding(app: Container) -> None:
    app.bind(Mailer, SmtpMailer)
    build = app.compile_call(HomeController)
    assert isinstance(build().notifier.mailer, SmtpMailer)
    fake = FakeMailer()

    app.instance(Mailer, fake)

    assert build().notifier.mailer is fake


def test_compile_call_with_an_unknown_provided_name_is_refused(app: Container) -> None:
    def show(id: int, clock: Clock) -> None:
        pass

    with pytest.raises(BindingError) as caught:
        app.compile_call(show, ["idd"])

    assert str(caught.value) == (
        "compile_call(show()) got the parameter 'idd', which show() does not take "
        "(it takes: clock, id). Did you mean 'id'?"
    )


def test_compile_call_accepts_any_name_with_var_keyword(app: Container) -> None:
    def show(clock: Clock, **rest: object) -> dict[str, object]:
        return rest

    assert app.compile_call(show, ["anything"])(anything=1) == {"anything": 1}


async def test_extend_an_async_transient_decorates_the_awaited_value(app: Container) -> None:
    async def connect() -> str:
        return "db"

    app.bind("db", connect)
    app.extend("db", lambda value, container: value.upper())

    assert await app.amake("db") == "DB"


async def test_make_params_of_an_async_transient_with_an_extender(app: Container) -> None:
    async def connect(name: str = "db") -> str:
        return name

    app.bind("db", connect)
    app.extend("db", lambda value, container: value.upper())

    assert await app.amake("db", name="other") == "OTHER"
