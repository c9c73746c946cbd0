"""What every make:* command shares: names, folders, refusing to overwrite, --force."""

from __future__ import annotations

import subprocess

import pytest

from orionis.console.commands.generator import render_stub, snake_case, studly_case
from tests.console.conftest import Project
from tests.support.servers import BIN, ROOT


@pytest.mark.parametrize(
    ("name", "snake"),
    [
        ("UserController", "user_controller"),
        ("HTTPClient", "http_client"),
        ("OAuth2Provider", "o_auth2_provider"),
        ("Admin", "admin"),
        ("already_snake", "already_snake"),
        ("kebab-name", "kebab_name"),
    ],
)
def test_snake_case(name: str, snake: str) -> None:
    assert snake_case(name) == snake


@pytest.mark.parametrize(
    ("name", "studly"),
    [("user_controller", "UserController"), ("UserController", "UserController"), ("user", "User")],
)
def test_studly_case(name: str, studly: str) -> None:
    assert studly_case(name) == studly


def test_a_subfolder_name_makes_packages_and_the_path_is_printed(project: Project) -> None:
    result = project.run("make:middleware", "Admin/Audit/LogRequests")

    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == (
        "Middleware created: app/http/middleware/admin/audit/log_requests.py"
    )
    for folder in (
        "app/http/middleware",
        "app/http/middleware/admin",
        "app/http/middleware/admin/audit",
    ):
        assert (project.root / folder / "__init__.py").is_file()
    assert "class LogRequests:" in project.read("app/http/middleware/admin/audit/log_requests.py")


def test_a_backslash_separates_subfolders_too(project: Project) -> None:
    assert project.run("make:provider", "Billing\\StripeProvider").code == 0

    assert (project.root / "app/providers/billing/stripe_provider.py").is_file()


def test_an_existing_file_is_not_overwritten_without_force(project: Project) -> None:
    path = project.write("app/http/middleware/audit.py", "# mine\n")

    refused = project.run("make:middleware", "Audit")

    assert refused.code == 1
    assert refused.err == (
        "Error: app/http/middleware/audit.py already exists. Pass --force to overwrite it.\n"
    )
    assert path.read_text() == "# mine\n"


def test_force_overwrites_an_existing_file(project: Project) -> None:
    path = project.write("app/http/middleware/audit.py", "# mine\n")

    assert project.run("make:middleware", "Audit", "--force").code == 0

    assert "class Audit:" in path.read_text()


@pytest.mark.parametrize("name", ["3Users", "Admin/class", "User Controller", "/", "for"])
def test_an_invalid_name_is_refused(project: Project, name: str) -> None:
    result = project.run("make:controller", name)

    assert result.code == 1
    assert result.err == (
        f"Error: {name!r} is not a valid controller name. Use letters, digits and _, "
        "starting with a letter, with / for subfolders: e.g. Users or Admin/Users.\n"
    )
    assert not (project.root / "app/http/controllers").exists()


def test_render_stub_fills_the_placeholders() -> None:
    assert "class Billing(ServiceProvider):" in render_stub("provider", class_name="Billing")


def test_generated_files_pass_the_projects_lint_and_format_checks(project: Project) -> None:
    before = set(project.root.rglob("*.py"))
    for argv in (
        ("make:controller", "Plain"),
        ("make:controller", "Photo", "--resource"),
        ("make:controller", "Comment", "--api"),
        ("make:provider", "Billing"),
        ("make:middleware", "Audit"),
        ("make:command", "SendEmails"),
        ("make:test", "Users"),
    ):
        assert project.run(*argv).code == 0
    # config/app.py too: make:provider added an import and a list item to it.
    edited = {project.root / "config" / "app.py"}
    files = sorted(str(path) for path in set(project.root.rglob("*.py")) - before | edited)
    assert len(files) >= 8
    config = str(ROOT / "pyproject.toml")

    checks = [
        [str(BIN / "ruff"), "check", "--config", config, *files],
        [str(BIN / "ruff"), "format", "--check", "--config", config, *files],
    ]
    for check in checks:
        run = subprocess.run(check, capture_output=True, text=True, check=False, timeout=60)
        assert run.returncode == 0, run.stdout + run.stderr
