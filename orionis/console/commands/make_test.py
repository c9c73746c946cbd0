"""``make:test``: a pytest test under tests/ that boots the application."""

from __future__ import annotations

from orionis.console.commands.generator import GeneratorCommand, render_stub, snake_case
from orionis.foundation.application import Application

__all__ = ["MakeTest"]


class MakeTest(GeneratorCommand):
    """``reactor make:test Users`` (or ``Http/UsersTest``) -> ``tests/[http/]test_users.py``."""

    name = "make:test"
    description = "Create a pytest test module under tests/."
    kind = "Test"
    folder = ("tests",)
    # pytest finds tests/ without packages, as the skeleton's own tests are laid out.
    packages = False

    def handle(self, name: str, force: bool, app: Application) -> None:
        stem = name.replace("\\", "/").rsplit("/", 1)[-1]
        subject = snake_case(stem).removeprefix("test_").removesuffix("_test")
        target = self.target(app, name, file_name=f"test_{subject}")
        title = f"Tests of {subject.replace('_', ' ')}"
        self.write(app, target, render_stub("test", title=title), force)
        self.comment(f"Run it with: pytest {target.path.relative_to(app.base_path())}")
