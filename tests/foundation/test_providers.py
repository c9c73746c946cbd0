from __future__ import annotations

import sys
from pathlib import Path

import pytest

from orionis import Application
from orionis.foundation import BootError
from tests.foundation import recorder
from tests.foundation.conftest import ProjectFactory
from tests.foundation.services import (
    Clock,
    Connection,
    DeferredReportsProvider,
    FailingBootProvider,
    Mailer,
    Reports,
    SecondProvider,
    SystemClock,
)

PROVIDERS_CONFIG = """
    from tests.foundation.services import ClockProvider, SecondProvider
    providers = [ClockProvider, SecondProvider]
"""


async def test_config_providers_register_at_construction_and_boot_in_order(
    project: ProjectFactory,
) -> None:
    app = Application(base_path=project(app=PROVIDERS_CONFIG))
    assert recorder.events == ["clock.register", "second.register"]

    await app.boot()

    assert recorder.events[2:] == ["clock.boot:SystemClock", "second.boot"]
    assert isinstance(app.make(Clock), SystemClock)
    assert app.make(Clock) is app.make(Clock)
    assert app.make(Mailer) is not app.make(Mailer)
    assert app.make(Mailer).clock is app.make(Clock)


async def test_with_providers_and_register_accept_classes_and_dotted_paths(
    tmp_path: Path,
) -> None:
    app = Application(base_path=tmp_path)
    returned = app.with_providers("tests.foundation.services.ClockProvider")
    app.register(SecondProvider)
    app.register(SecondProvider)  # a provider registers once

    assert returned is app
    assert recorder.events == ["clock.register", "second.register"]
    assert [type(p).__name__ for p in app.providers][-2:] == ["ClockProvider", "SecondProvider"]


def test_a_provider_that_is_not_one_is_refused(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path)
    with pytest.raises(BootError) as error:
        app.with_providers(Clock)  # type: ignore[arg-type]
    assert "is not a ServiceProvider subclass" in str(error.value)
    assert "Clock" in str(error.value)


def test_a_dotted_path_that_does_not_load_is_named(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path)
    with pytest.raises(BootError, match=r"Cannot load the provider 'app\.nowhere\.Provider'"):
        app.with_providers("app.nowhere.Provider")


def test_a_provider_failing_in_register_is_named(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path)
    with pytest.raises(BootError) as error:
        app.with_providers("tests.foundation.services.FailingRegisterProvider")
    assert str(error.value) == (
        "Provider tests.foundation.services.FailingRegisterProvider failed in register(): "
        "ValueError: bad binding"
    )


async def test_a_provider_failing_in_boot_stops_boot_and_is_named(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path).with_providers(FailingBootProvider)

    with pytest.raises(BootError) as error:
        await app.boot()

    assert str(error.value) == (
        "Provider tests.foundation.services.FailingBootProvider failed in boot(): "
        "RuntimeError: database unreachable"
    )
    assert not app.is_booted()


async def test_deferred_provider_registers_when_its_service_is_first_needed(
    tmp_path: Path,
) -> None:
    app = Application(base_path=tmp_path).with_providers(DeferredReportsProvider)
    await app.boot()
    assert recorder.events == []

    reports = app.make(Reports)

    assert recorder.events == ["reports.register", "reports.boot"]
    assert app.make(Reports) is reports
    assert recorder.events == ["reports.register", "reports.boot"]


async def test_deferred_provider_needed_before_boot_boots_with_the_app(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path).with_providers(DeferredReportsProvider)
    app.make(Reports)
    assert recorder.events == ["reports.register"]

    await app.boot()

    assert recorder.events == ["reports.register", "reports.boot"]


async def test_async_singletons_are_ready_after_boot_and_closed_at_shutdown(
    tmp_path: Path,
) -> None:
    app = Application(base_path=tmp_path)
    app.with_providers("tests.foundation.services.ConnectionProvider")

    await app.boot()
    connection = app.make(Connection)
    assert connection.open and recorder.events == ["connection.open"]

    await app.shutdown()
    assert not connection.open
    assert recorder.events == ["connection.open", "connection.close"]


async def test_a_singleton_depending_on_a_scoped_service_is_rejected_at_boot(
    tmp_path: Path,
) -> None:
    app = Application(base_path=tmp_path)
    app.with_providers("tests.foundation.services.ScopeMismatchProvider")

    with pytest.raises(BootError) as error:
        await app.boot()

    message = str(error.value)
    assert message.startswith("The container is not ready: ")
    assert "Cache" in message and "RequestContext" in message


def test_entry_point_providers_are_registered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist = tmp_path / "site" / "orionis_extension-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: orionis-extension\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[orionis.providers]\nextension = tests.foundation.services:EntryPointProvider\n"
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path / "site"), *sys.path])

    Application(base_path=tmp_path)

    assert recorder.events == ["entry_point.register"]
