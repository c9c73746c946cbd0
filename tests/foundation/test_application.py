from __future__ import annotations

from pathlib import Path

import pytest

from orionis import Application, config
from orionis.foundation import LifecycleState, Runtime, SetupError
from orionis.foundation.enums.lifespan import Lifespan
from tests.foundation.conftest import ProjectFactory


def test_paths_are_relative_to_the_base_path(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path)

    assert app.base_path() == tmp_path.resolve()
    assert app.config_path("app.py") == tmp_path.resolve() / "config" / "app.py"
    assert app.storage_path("logs") == tmp_path.resolve() / "storage" / "logs"
    assert app.resource_path("views") == tmp_path.resolve() / "resources" / "views"
    assert app.public_path("a.css") == tmp_path.resolve() / "storage" / "app" / "public" / "a.css"
    assert app.routes_path("web.py") == tmp_path.resolve() / "routes" / "web.py"
    assert app.app_path() == tmp_path.resolve() / "app"


def test_base_path_defaults_to_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert Application().base_path() == tmp_path.resolve()


def test_environment_comes_from_dotenv(project: ProjectFactory) -> None:
    app = Application(base_path=project(env="APP_ENV=local\n"))

    assert app.environment() == "local"
    assert app.environment("staging", "local") is True
    assert app.environment("production") is False
    assert app.is_local() and not app.is_production() and not app.running_unit_tests()
    assert app.config.get("app.env") == "local"


def test_environment_defaults_to_production(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path)
    assert app.is_production()
    assert app.config.get("app.debug") is False


def test_testing_environment_loads_dotenv_testing(project: ProjectFactory) -> None:
    base = project(
        env="APP_ENV=local\nAPP_NAME=Plain\n",
        app="""
        from orionis.config import env
        name = env("APP_NAME", "none")
    """,
    )
    (base / ".env.testing").write_text("APP_NAME=UnderTest\n")

    app = Application(base_path=base, environment="testing")

    assert app.running_unit_tests()
    assert app.config.get("app.name") == "UnderTest"


def test_config_values_are_read_with_dot_paths(project: ProjectFactory) -> None:
    base = project(
        env="APP_NAME=Shop\nDB_HOST=db.internal\n",
        app="""
            from orionis.config import env
            name = env("APP_NAME", "Orionis")
        """,
        database="""
            from orionis.config import env
            connections = {"pgsql": {"host": env("DB_HOST", "127.0.0.1"), "port": 5432}}
        """,
    )
    app = Application(base_path=base)

    assert app.config.get("app.name") == "Shop"
    assert config("app.name") == "Shop"
    assert config("database.connections.pgsql.host") == "db.internal"
    assert config("database.connections.pgsql.port") == 5432
    assert config("database.missing", "fallback") == "fallback"
    assert app.make("config") is app.config


def test_the_application_is_bound_in_itself(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path)
    assert app.make(Application) is app
    assert app.make("app") is app


def test_get_instance_is_the_latest_application(tmp_path: Path) -> None:
    Application(base_path=tmp_path)
    second = Application(base_path=tmp_path)
    assert Application.get_instance() is second


async def test_boot_moves_through_the_lifecycle(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path)
    assert app.state is LifecycleState.CREATED and app.runtime is None

    assert await app.boot(Runtime.CLI) is app

    assert app.state is LifecycleState.BOOTED and app.is_booted()
    assert app.running_in_console()
    await app.shutdown()
    assert app.state is LifecycleState.TERMINATED


async def test_setup_calls_after_boot_say_where_to_make_them(tmp_path: Path) -> None:
    app = Application(base_path=tmp_path)
    await app.boot()

    with pytest.raises(SetupError) as error:
        app.on(Lifespan.STARTUP, lambda: None)
    assert str(error.value) == (
        "app.on() was called after the application booted (booted). Do it before the server "
        "starts: in a service provider's register() method, or in bootstrap/app.py."
    )
    with pytest.raises(SetupError, match=r"app\.with_providers\(\) was called after"):
        app.with_providers()
    with pytest.raises(SetupError, match=r"app\.bind\(\) was called after"):
        app.bind(Path, Path)
    with pytest.raises(SetupError, match=r"app\.singleton\(\) was called after"):
        app.singleton(Path)


async def test_boot_is_idempotent_and_safe_under_concurrent_calls(tmp_path: Path) -> None:
    import asyncio

    from tests.foundation import recorder

    app = Application(base_path=tmp_path)
    app.on(Lifespan.STARTUP, lambda: recorder.events.append("startup"))

    await asyncio.gather(*(app.boot() for _ in range(10)))
    await app.boot()

    assert recorder.events == ["startup"]
