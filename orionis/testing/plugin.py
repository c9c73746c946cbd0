"""The pytest plugin of Orionis, registered through the ``pytest11`` entry point.

Fixtures: ``app`` (a fresh, booted application per test), ``client`` (a `TestClient` on it),
``kernel`` (``"rsgi"`` or ``"asgi"``), ``faker_seed`` (for Faker's own ``faker`` fixture,
which factories share). ``@pytest.mark.kernels("rsgi", "asgi")`` runs a test once per kernel;
the ``orionis_kernels`` ini option sets the kernels of unmarked tests.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio

if TYPE_CHECKING:
    from faker import Faker

    from orionis.foundation.application import Application
    from orionis.testing.client import TestClient

__all__ = [
    "app",
    "client",
    "faker_seed",
    "kernel",
    "pytest_addoption",
    "pytest_configure",
    "pytest_generate_tests",
    "pytest_report_header",
]

DEFAULT_SEED = 0


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--faker-seed`` and the ``orionis_bootstrap`` / ``orionis_kernels`` ini options."""
    group = parser.getgroup("orionis")
    group.addoption(
        "--faker-seed",
        type=int,
        default=None,
        help=f"Seed of the faker fixture and of factories (default {DEFAULT_SEED}).",
    )
    parser.addini(
        "orionis_bootstrap",
        "The file building the application, relative to the rootdir.",
        default="bootstrap/app.py",
    )
    parser.addini(
        "orionis_kernels",
        "Kernels the client fixture uses in tests without @pytest.mark.kernels: rsgi, asgi.",
        type="args",
        default=["rsgi"],
    )


def pytest_configure(config: pytest.Config) -> None:
    """Declare the ``kernels`` marker."""
    config.addinivalue_line(
        "markers", "kernels(*names): run the test once per kernel ('rsgi', 'asgi')."
    )


def pytest_report_header(config: pytest.Config) -> str:
    """The seed, so that a failing run can be reproduced."""
    return f"orionis: faker seed {_seed(config)} (--faker-seed to change it)"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run tests that use the client once per kernel they ask for."""
    if "kernel" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("kernels")
    names = list(marker.args) if marker else _ini_kernels(metafunc.config)
    _check_kernels(names, metafunc.definition.nodeid)
    if marker is not None or len(names) > 1:
        metafunc.parametrize("kernel", names, ids=names)


@pytest.fixture
def kernel(request: pytest.FixtureRequest) -> str:
    """The kernel the client drives: ``"rsgi"`` (Granian's native interface) or ``"asgi"``."""
    return _ini_kernels(request.config)[0]


@pytest_asyncio.fixture
async def app(request: pytest.FixtureRequest) -> AsyncIterator[Application]:
    """A fresh application built by the project's ``bootstrap/app.py``, booted for HTTP.

    ``APP_ENV`` is ``testing`` (``.env.testing`` applies); environment variables, ``sys.path``
    and swapped bindings are put back after the test; SHUTDOWN callbacks run. The cache is
    the ``memory`` driver, empty for each test (rate-limit counters included), unless the
    ``CACHE_DRIVER`` environment variable of the test run names another.
    """
    from orionis.foundation.enums.runtimes import Runtime
    from orionis.testing.exchange import instrument
    from orionis.testing.project import create_application, isolated_process

    with isolated_process():
        # A real environment variable beats .env files: a counter kept in a shared Redis
        # would otherwise carry over from one test (or one run) to the next.
        os.environ.setdefault("CACHE_DRIVER", "memory")
        application = create_application(_bootstrap(request.config))
        instrument(application)
        await application.boot(Runtime.HTTP)
        try:
            yield application
        finally:
            application.restore_swaps()
            failures = await application.shutdown()
            if failures:
                raise failures[0]


@pytest_asyncio.fixture
async def client(app: Application, kernel: str) -> AsyncIterator[TestClient]:
    """A `TestClient` sending requests to ``app`` through ``kernel``, no sockets."""
    from orionis.testing.client import TestClient

    async with TestClient(app, kernel=kernel) as test_client:
        yield test_client


@pytest.fixture
def faker_seed(request: pytest.FixtureRequest) -> int:
    """The seed of Faker's ``faker`` fixture: ``--faker-seed``, else 0."""
    return _seed(request.config)


@pytest.fixture(autouse=True)
def _orionis_faker(faker_seed: int, faker: Faker) -> Iterator[None]:
    # Factories made without a Faker use the test's: seeded, so their output is reproducible.
    from orionis.testing.factory import use_faker

    use_faker(faker)
    yield
    use_faker(None)


def _seed(config: pytest.Config) -> int:
    seed: int | None = config.getoption("--faker-seed")
    return DEFAULT_SEED if seed is None else seed


def _ini_kernels(config: pytest.Config) -> list[str]:
    names: list[str] = config.getini("orionis_kernels")
    return names or ["rsgi"]


def _check_kernels(names: Sequence[Any], where: str) -> None:
    from orionis.support.suggest import did_you_mean
    from orionis.testing.client import KERNELS

    for name in names:
        if name not in KERNELS:
            raise pytest.UsageError(
                f"{where}: unknown kernel {name!r}.{did_you_mean(str(name), KERNELS)} "
                f"Kernels are: {', '.join(KERNELS)} (@pytest.mark.kernels or orionis_kernels)."
            )


def _bootstrap(config: pytest.Config) -> Path:
    relative: str = config.getini("orionis_bootstrap")
    return Path(config.rootpath, relative)
