"""Container doubles: ``app.swap()`` and ``app.fake()`` after boot, undone by restore_swaps()."""

from __future__ import annotations

from pathlib import Path

import pytest

from orionis import Application
from orionis.foundation import Runtime
from orionis.foundation.errors import SetupError


class Mailer:
    def send(self, to: str) -> str:
        return f"sent to {to}"

    async def queue(self, to: str) -> None:
        return None


class Notifier:
    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer


@pytest.fixture
async def app(tmp_path: Path) -> Application:
    application = Application(base_path=tmp_path)
    application.bind(Mailer)
    application.bind(Notifier)
    return await application.boot(Runtime.CLI)


async def test_a_swap_after_boot_reaches_services_compiled_before(app: Application) -> None:
    assert isinstance(app.make(Notifier).mailer, Mailer)
    stand_in = object()

    assert app.swap(Mailer, stand_in) is stand_in
    assert app.make(Notifier).mailer is stand_in


async def test_restore_swaps_puts_back_the_binding_or_forgets_a_new_one(
    app: Application,
) -> None:
    app.swap(Mailer, "first")
    app.swap(Mailer, "second")
    app.swap("clock", "frozen")

    app.restore_swaps()

    assert isinstance(app.make(Mailer), Mailer)
    assert not app.bound("clock")


async def test_fake_records_calls_and_keeps_the_signatures(app: Application) -> None:
    mailer = app.fake(Mailer)

    assert app.make(Notifier).mailer.send("ada") is mailer.send.return_value
    await mailer.queue("alan")
    mailer.send.assert_called_once_with("ada")
    mailer.queue.assert_awaited_once_with("alan")
    with pytest.raises(TypeError):
        mailer.send()
    with pytest.raises(AttributeError):
        mailer.shout  # noqa: B018


async def test_fake_needs_a_class(app: Application) -> None:
    with pytest.raises(SetupError, match=r"app.fake\('mailer'\) needs a class"):
        app.fake("mailer")  # type: ignore[arg-type]
