"""Generator factories must yield exactly once."""

from collections.abc import Iterator

import pytest

from orionis.container import Container, TeardownError


def test_a_generator_that_never_yields_is_explained(app: Container) -> None:
    def empty() -> Iterator[str]:
        return
        yield "never"

    app.scoped("empty", empty)

    with pytest.raises(TeardownError) as caught, app.scope():
        app.make("empty")

    assert str(caught.value) == (
        "The factory empty() returned without yielding. A generator factory yields the value "
        "once; the code after `yield` is its teardown."
    )


def test_a_generator_that_yields_twice_is_explained(app: Container) -> None:
    def twice() -> Iterator[str]:
        yield "one"
        yield "two"

    app.singleton("twice", twice)
    app.make("twice")

    with pytest.raises(TeardownError, match=r"twice\(\) yielded more than once"):
        app.close_singletons_sync()
