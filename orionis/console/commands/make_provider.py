"""``make:provider``: a service provider in app/providers/, listed in config/app.py."""

from __future__ import annotations

from orionis.console.commands.generator import GeneratorCommand, Target, render_stub
from orionis.console.config_editor import add_provider
from orionis.foundation.application import Application

__all__ = ["MakeProvider"]


class MakeProvider(GeneratorCommand):
    """``reactor make:provider BillingServiceProvider [--force]``."""

    name = "make:provider"
    description = "Create a service provider in app/providers/ and list it in config/app.py."
    kind = "Provider"
    folder = ("app", "providers")

    def handle(self, name: str, force: bool, app: Application) -> None:
        target = self.target(app, name)
        self.write(app, target, render_stub("provider", class_name=target.class_name), force)
        self._register(app, target)

    def _register(self, app: Application, target: Target) -> None:
        config = app.config_path("app.py")
        shown = config.relative_to(app.base_path())
        source = config.read_text(encoding="utf-8") if config.is_file() else None
        edited = None if source is None else add_provider(source, target.module, target.class_name)
        if edited is None:
            self.warn(
                f"{shown} has no `providers = [...]` list: add {target.class_name} to it "
                f"yourself (from {target.module} import {target.class_name})."
            )
        elif edited == source:
            self.comment(f"{target.class_name} is already listed in {shown}.")
        else:
            config.write_text(edited, encoding="utf-8")
            self.info(f"Provider listed in {shown}.")
