from __future__ import annotations

import logging
from pathlib import Path

import pytest

from orionis import Application
from orionis.foundation import BootError, Runtime
from orionis.foundation.enums.lifespan import Lifespan
from tests.foundation import recorder
from tests.foundation.conftest import ProjectFactory
from tests.foundation.services import Clock, ClockProvider


def note(label: str):  # type: ignore[no-untyped-def]
    def callback() -> None:
        recorder.events.append(label)

    callback.__qualname__ = f"note.{label}"
    return callback


async def test_callbacks_run_in_registration_order_sync_and_async(tmp_path: Path) -> None:
    async def second() -> None:
        recorder.events.append("second")

    app = Application(base_path=tmp_path)
    returned = app.on(Lifespan.STARTUP, note("first"), second).on(Lifespan.STARTUP, note("third"))
    app.on(Lifespan.SHUTDOWN, note("close-a"), note("close-b"))

    await app.boot()
    assert returned is app
    assert recorder.events == ["first", "second", "third"]

    await app.shutdown()
    assert recorder.events[3:] == ["close-a", "close-b"]


async def test_callbacks_get_injected_parameters(tmp_path: Path) -> None:
    seen: list[object] = []

    async def init_cache(clock: Clock) -> None:
        seen.append(clock)

    app = Application(base_path=tmp_path).with_providers(ClockProvider)
    app.on(Lifespan.STARTUP, init_cache)
    await app.boot()

    assert seen == [app.make(Clock)]


@pytest.mark.parametrize(
    ("runtime", "expected"),
    [(Runtime.HTTP, ["all", "http-only"]), (Runtime.CLI, ["all", "cli-only"])],
)
async def test_runtime_selects_callbacks(
    tmp_path: Path, runtime: Runtime, expected: list[str]
) -> None:
    app = Application(base_path=tmp_path)
    app.on(Lifespan.STARTUP, note("all"))
    app.on(Lifespan.STARTUP, note("http-only"), runtime=Runtime.HTTP)
    app.on(Lifespan.STARTUP, note("cli-only"), runtime=Runtime.CLI)
    app.on(Lifespan.SHUTDOWN, note("down-http"), runtime=Runtime.HTTP)

    await app.boot(runtime)
    assert recorder.events == expected

    await app.shutdown()
    assert recorder.events[len(expected) :] == (["down-http"] if runtime is Runtime.HTTP else [])


async def test_config_callbacks_run_before_those_added_in_bootstrap(
    project: ProjectFactory,
) -> None:
    base = project(
        app="""
        from tests.foundation import recorder

        def _from_config() -> None:
            recorder.events.append("config")

        startup = [_from_config]
    """
    )
    app = Application(base_path=base).on(Lifespan.STARTUP, note("bootstrap"))

    await app.boot()

    assert recorder.events == ["config", "bootstrap"]


async def test_callbacks_run_after_providers_booted(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path).with_providers(ClockProvider)
    app.on(Lifespan.STARTUP, note("startup"))

    await app.boot()

    assert recorder.events == ["clock.register", "clock.boot:SystemClock", "startup"]


async def test_a_failing_startup_callback_stops_boot_and_is_named(tmp_path: Path) -> None:
    def init_database() -> None:
        raise ConnectionError("refused")

    app = Application(base_path=tmp_path)
    app.on(Lifespan.STARTUP, init_database, note("never"))

    with pytest.raises(BootError) as error:
        await app.boot()

    assert str(error.value) == (
        "STARTUP callback tests.foundation.test_lifespan."
        "test_a_failing_startup_callback_stops_boot_and_is_named.<locals>.init_database "
        "failed: ConnectionError: refused"
    )
    assert recorder.events == []
    assert not app.is_booted()


async def test_a_failing_shutdown_callback_is_logged_and_the_rest_still_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken() -> None:
        raise RuntimeError("flush failed")

    app = Application(base_path=tmp_path)
    app.on(Lifespan.SHUTDOWN, note("a"), broken, note("b"))
    await app.boot()

    with caplog.at_level(logging.ERROR, logger="orionis"):
        failures = await app.shutdown()

    assert recorder.events == ["a", "b"]
    assert [str(f) for f in failures] == ["flush failed"]
    assert "SHUTDOWN callback" in caplog.text and "broken failed" in caplog.text


def test_on_rejects_what_is_not_an_event_a_runtime_or_a_callable(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path)

    with pytest.raises(TypeError, match=r"app\.on\(\) takes a Lifespan event first, got 'startup'"):
        app.on("startup", note("x"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"takes a Runtime or None, got 'http'"):
        app.on(Lifespan.STARTUP, note("x"), runtime="http")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"got 42, which is not callable"):
        app.on(Lifespan.STARTUP, 42)  # type: ignore[arg-type]
