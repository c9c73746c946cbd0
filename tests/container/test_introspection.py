"""Signatures read from string annotations (``from __future__ import annotations``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from orionis.container import Container, TypeHintError
from tests.container import future_services as future

if TYPE_CHECKING:
    from tests.container.services import Clock as OnlyForTypeCheckers


class NeedsTypeCheckingImport:
    def __init__(self, clock: OnlyForTypeCheckers) -> None:
        self.clock = clock


def test_future_annotations_are_autowired(app: Container) -> None:
    app.bind(future.Mailer, future.SmtpMailer)

    controller = app.make(future.HomeController)

    assert isinstance(controller.notifier.mailer, future.SmtpMailer)
    assert isinstance(controller.notifier.clock, future.Clock)


def test_future_annotated_dataclass(app: Container) -> None:
    report = app.make(future.Report)

    assert isinstance(report.clock, future.Clock)
    assert report.title == "untitled"


def test_future_annotated_factory(app: Container) -> None:
    app.bind(future.Mailer, future.SmtpMailer)
    app.singleton(future.Notifier, future.make_notifier)

    assert isinstance(app.make(future.Notifier).clock, future.Clock)


def test_future_annotated_method_call(app: Container) -> None:
    app.bind(future.Mailer, future.SmtpMailer)
    controller = app.make(future.HomeController)

    id_, clock, notifier = app.call(controller.show, id=3)

    assert (id_, notifier) == (3, controller.notifier)
    assert isinstance(clock, future.Clock)


def test_type_checking_only_imports_are_explained(app: Container) -> None:
    with pytest.raises(TypeHintError) as caught:
        app.make(NeedsTypeCheckingImport)

    assert str(caught.value) == (
        "Cannot read the type hints of NeedsTypeCheckingImport: name 'OnlyForTypeCheckers' is "
        "not defined. The types the container injects must exist at runtime: import them at "
        "module level, not under `if TYPE_CHECKING:`."
    )


def test_a_class_without_init_has_no_parameters(app: Container) -> None:
    assert isinstance(app.make(future.Clock), future.Clock)
