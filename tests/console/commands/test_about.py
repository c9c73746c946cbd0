"""``about``: versions, environment, URL, paths and providers."""

from __future__ import annotations

import json
import platform
from importlib import metadata

from tests.console.conftest import Project

PROVIDER = """
    from orionis import ServiceProvider


    class ShopServiceProvider(ServiceProvider):
        pass
"""


def _project(project: Project) -> Project:
    project.write("app/providers.py", PROVIDER)
    project.write(
        "config/app.py",
        """
        from app.providers import ShopServiceProvider
        from orionis.config import env

        name = env("APP_NAME", "Shop")
        debug = env("APP_DEBUG", False)
        url = "https://shop.test"
        providers = [ShopServiceProvider]
        """,
    )
    project.write(".env", "APP_ENV=staging\nAPP_DEBUG=true\n")
    return project


def test_about_shows_the_facts_of_the_application(project: Project) -> None:
    result = _project(project).run("about")

    assert result.code == 0, result.err
    lines = result.out.splitlines()

    def value(label: str) -> str:
        line = next(line for line in lines if line.startswith(f"  {label} ."))
        return line.rsplit(" ", 1)[1]

    assert value("Application name") == "Shop"
    assert value("Orionis") == metadata.version("orionis")
    assert value("Granian") == metadata.version("granian")
    assert value("dependency-injector") == metadata.version("dependency-injector")
    assert value("Python") == platform.python_version()
    assert value("Environment") == "staging"
    assert value("Debug") == "enabled"
    assert value("URL") == "https://shop.test"
    assert value("Routes") == str(project.root.resolve() / "routes")
    assert lines[-1] == "  app.providers.ShopServiceProvider"


def test_about_json_gives_the_same_facts(project: Project) -> None:
    result = _project(project).run("about", "--json")

    facts = json.loads(result.out)
    assert facts["environment"]["Environment"] == "staging"
    assert facts["paths"]["Base"] == str(project.root.resolve())
    assert facts["providers"][-1] == "app.providers.ShopServiceProvider"
    assert "orionis.http.provider.HttpServiceProvider" in facts["providers"]


def test_about_works_when_the_application_cannot_boot(project: Project) -> None:
    project.write(
        "bootstrap/app.py",
        """
        from pathlib import Path

        from orionis import Application
        from orionis.foundation.enums.lifespan import Lifespan


        def fail() -> None:
            raise RuntimeError("no database")


        app = Application(base_path=Path(__file__).resolve().parent.parent)
        app.on(Lifespan.STARTUP, fail)
        """,
    )

    result = project.run("about")

    assert result.code == 0, result.err
    assert "Environment" in result.out
