"""The providers of one application: registration, deferral and boot order."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from orionis.foundation.errors import BootError
from orionis.foundation.lifespan import callback_name
from orionis.foundation.provider import ServiceProvider

if TYPE_CHECKING:
    from orionis.foundation.application import Application

__all__ = ["ENTRY_POINT_GROUP", "ProviderRepository", "load_provider_class"]

ENTRY_POINT_GROUP = "orionis.providers"


def load_provider_class(spec: type[ServiceProvider] | str) -> type[ServiceProvider]:
    """Accept a provider class or its dotted path (``"package.module.Class"``)."""
    if isinstance(spec, str):
        module_name, _, attribute = spec.rpartition(".")
        try:
            spec = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError, ValueError) as error:
            raise BootError(f"Cannot load the provider {spec!r}: {error}") from error
    if not (isinstance(spec, type) and issubclass(spec, ServiceProvider)):
        raise BootError(
            f"{spec!r} is not a ServiceProvider subclass. Providers in config/app.py, "
            "with_providers() and entry points must subclass orionis.ServiceProvider."
        )
    return spec


def entry_point_providers() -> list[type[ServiceProvider]]:
    """Providers that installed packages declare under the ``orionis.providers`` entry point."""
    found = []
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            found.append(load_provider_class(point.load()))
        except Exception as error:
            raise BootError(
                f"The entry point {point.name} = {point.value} "
                f"(group {ENTRY_POINT_GROUP}) failed to load: {error}"
            ) from error
    return found


class ProviderRepository:
    """Registers providers once each, keeps deferred ones aside, boots them in order."""

    def __init__(self, app: Application) -> None:
        self._app = app
        self._registered: dict[type[ServiceProvider], ServiceProvider] = {}
        self._deferred: dict[Any, type[ServiceProvider]] = {}
        self._booted: set[type[ServiceProvider]] = set()

    @property
    def registered(self) -> list[ServiceProvider]:
        """Registered provider instances, in registration order."""
        return list(self._registered.values())

    def register_all(self, specs: Iterable[type[ServiceProvider] | str]) -> None:
        """Register each provider (a second registration of the same class is ignored)."""
        for spec in specs:
            self.register(load_provider_class(spec))

    def register(self, cls: type[ServiceProvider]) -> ServiceProvider | None:
        """Register ``cls`` now, or note its services when it is deferred."""
        if cls in self._registered:
            return self._registered[cls]
        if cls.is_deferred():
            for abstract in cls.provides:
                self._deferred.setdefault(abstract, cls)
            return None
        return self._register_now(cls)

    def _register_now(self, cls: type[ServiceProvider]) -> ServiceProvider:
        provider = cls(self._app)
        self._registered[cls] = provider
        try:
            provider.register_declared()
        except Exception as error:
            del self._registered[cls]
            raise BootError(
                f"Provider {callback_name(cls)} failed in register(): "
                f"{type(error).__name__}: {error}"
            ) from error
        return provider

    def load_deferred(self, abstract: Any) -> ServiceProvider | None:
        """Register the deferred provider of ``abstract``, if there is one."""
        cls = self._deferred.get(abstract)
        if cls is None:
            return None
        for key in cls.provides:
            if self._deferred.get(key) is cls:
                del self._deferred[key]
        return self._register_now(cls)

    @property
    def deferred_services(self) -> list[Any]:
        """Services whose deferred providers have not been registered yet."""
        return list(self._deferred)

    async def boot_all(self) -> None:
        """Boot every registered provider once, in registration order."""
        for provider in list(self._registered.values()):
            await self.boot(provider)

    async def boot(self, provider: ServiceProvider) -> None:
        """Call ``provider.boot()`` with injected parameters, awaiting it when async."""
        cls = type(provider)
        if cls in self._booted:
            return
        self._booted.add(cls)
        boot = getattr(provider, "boot", None)
        if boot is None:
            return
        try:
            result = self._app.call(boot)
            if inspect.isawaitable(result):
                await result
        except Exception as error:
            raise BootError(
                f"Provider {callback_name(cls)} failed in boot(): {type(error).__name__}: {error}"
            ) from error
