"""The pytest plugin, run with pytester: fixtures, kernels, failure output, isolation, seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.testing.conftest import FILES, write_project

pytest_plugins = ["pytester"]

INI = """
[pytest]
asyncio_mode = auto
asyncio_default_fixture_loop_scope = function
"""


@pytest.fixture
def project(pytester: pytest.Pytester, pytestconfig: pytest.Config) -> pytest.Pytester:
    """The demo project as pytester's rootdir."""
    write_project(pytester.path, FILES)
    pytester.makeini(INI)
    # Installed, the plugin loads through its entry point in the inner runs too; a run that
    # loaded it with `-p orionis.testing.plugin` instead passes that on.
    if pytestconfig.pluginmanager.get_plugin("orionis") is None:
        pytester.makeini(INI + "addopts = -p orionis.testing.plugin\n")
    return pytester


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-p", "no:cacheprovider", *args)


def test_the_client_fixture_serves_the_project_on_both_kernels(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_demo="""
        import pytest

        @pytest.mark.kernels("rsgi", "asgi")
        async def test_greets(client, kernel):
            response = await client.get("/greet/Ada")
            response.assert_ok().assert_see("Hello, Ada!").assert_view_is("greeting")
            assert client.kernel == kernel
        """
    )

    result = run(project, "-v")

    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*test_greets?rsgi? PASSED*", "*test_greets?asgi? PASSED*"])


def test_a_failing_assertion_shows_the_response_and_the_server_exception(
    project: pytest.Pytester,
) -> None:
    project.makepyfile(
        test_demo="""
        async def test_boom(client):
            (await client.get("/boom")).assert_ok()
        """
    )

    result = run(project)

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*Expected status 200 but got 500.*",
            "*Response to GET /boom: 500 Internal Server Error*",
            "*content-type: text/html; charset=utf-8*",
            "*Body:*",
            "*The server handled this exception:*",
            "*RuntimeError: kaboom*",
        ]
    )


def test_the_app_is_built_for_testing_from_env_testing(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_demo="""
        async def test_environment(app, client):
            assert app.running_unit_tests()
            response = await client.get("/environment")
            response.assert_exact_json(
                {"env": "testing", "name": "Demo under test", "flag": "from-dotenv"}
            )
        """
    )

    run(project).assert_outcomes(passed=1)


def test_each_test_gets_a_fresh_app_and_the_environment_back(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_demo="""
        import os
        import sys

        seen = []

        class Clock:
            pass

        async def test_first(app):
            seen.append(app)
            app.swap(Clock, "frozen")
            os.environ["LEAK"] = "1"
            sys.path.append("/leak")
            assert os.environ["DEMO_FLAG"] == "from-dotenv"

        async def test_second(app):
            assert app is not seen[0]
            assert not app.bound(Clock)
            assert "LEAK" not in os.environ
            assert "/leak" not in sys.path

        def test_after_the_app_fixture():
            assert "DEMO_FLAG" not in os.environ
            assert os.environ.get("APP_ENV") != "testing"
        """
    )

    run(project).assert_outcomes(passed=3)


@pytest.mark.parametrize(("environment", "expected"), [(None, "memory"), ("redis", "redis")])
def test_the_cache_is_in_memory_unless_the_environment_names_a_driver(
    project: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    environment: str | None,
    expected: str,
) -> None:
    # The project's own files ask for Redis; only a real environment variable overrides memory.
    (project.path / "config" / "cache.py").write_text(
        'from orionis.config import env\n\ndriver = env("CACHE_DRIVER", "redis")\n'
    )
    with (project.path / ".env.testing").open("a") as env_file:
        env_file.write("CACHE_DRIVER=redis\n")
    if environment is None:
        monkeypatch.delenv("CACHE_DRIVER", raising=False)
    else:
        monkeypatch.setenv("CACHE_DRIVER", environment)
    project.makepyfile(
        test_demo=f"""
        async def test_cache(app):
            assert app.config.get("cache.driver") == {expected!r}
        """
    )

    run(project).assert_outcomes(passed=1)


def test_swaps_reach_controllers_compiled_at_boot(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_demo="""
        from orionis.http import Request
        from orionis.routing import Router

        async def test_swap(app):
            fake = app.fake(Router)
            assert app.make(Router) is fake
            app.restore_swaps()
            assert app.make(Router) is not fake
        """
    )

    run(project).assert_outcomes(passed=1)


def test_faker_and_factories_are_seeded_by_the_option(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_demo="""
        from orionis.testing import Factory

        class UserFactory(Factory):
            def definition(self, faker):
                return {"name": faker.name()}

        def test_names(faker):
            print("NAMES", faker.name(), UserFactory().make()["name"])
        """
    )

    first = run(project, "-s", "--faker-seed=7")
    second = run(project, "-s", "--faker-seed=7")
    other = run(project, "-s", "--faker-seed=8")

    names = [_line(result, "NAMES") for result in (first, second, other)]
    assert names[0] == names[1] != names[2]
    first.stdout.fnmatch_lines(["orionis: faker seed 7*"])


def test_an_unknown_kernel_stops_the_run_with_a_suggestion(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_demo="""
        import pytest

        @pytest.mark.kernels("asig")
        async def test_x(client):
            pass
        """
    )

    result = run(project)

    assert result.ret != 0
    result.stdout.fnmatch_lines(["*unknown kernel 'asig'. Did you mean 'asgi'?*"])


def test_the_kernels_ini_option_runs_every_client_test_on_both(project: pytest.Pytester) -> None:
    ini = (Path(project.path) / "tox.ini").read_text()
    project.makeini(ini + "\norionis_kernels = rsgi asgi\n")
    project.makepyfile(
        test_demo="""
        async def test_up(client):
            (await client.get("/greet/x")).assert_ok()
        """
    )

    run(project).assert_outcomes(passed=2)


def test_a_missing_bootstrap_file_says_where_it_was_looked_for(
    project: pytest.Pytester,
) -> None:
    (Path(project.path) / "bootstrap" / "app.py").unlink()
    project.makepyfile(
        test_demo="""
        async def test_x(app):
            pass
        """
    )

    result = run(project)

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*No app.py at *bootstrap*app.py*orionis_bootstrap*"])


def _line(result: pytest.RunResult, prefix: str) -> str:
    return next(line.split(prefix, 1)[1] for line in result.outlines if prefix in line)
