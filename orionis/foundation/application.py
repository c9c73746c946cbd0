"""The Application: the service container that is also the RSGI and ASGI app."""

from __future__ import annotations

import asyncio
import inspect
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, ClassVar

from orionis.config import (
    EnvRead,
    Repository,
    apply_defaults_and_validate,
    config_files,
    load_config,
    load_environment,
    use_repository,
)
from orionis.container import Container
from orionis.foundation.bridge import ServerBridge
from orionis.foundation.doubles import SwapsBindings
from orionis.foundation.enums.lifespan import Lifespan
from orionis.foundation.enums.runtimes import Runtime
from orionis.foundation.enums.states import LifecycleState
from orionis.foundation.errors import BootError, SetupError
from orionis.foundation.lifespan import LifespanCallbacks, callback_name
from orionis.foundation.paths import Paths
from orionis.foundation.preflight import check_http_environment
from orionis.foundation.provider import ServiceProvider
from orionis.foundation.providers import ProviderRepository, entry_point_providers
from orionis.foundation.settings import HttpSettings
from orionis.foundation.setup_guard import GuardedSetup
from orionis.support.errors import OrionisError

__all__ = ["CORE_PROVIDERS", "Application"]

# The framework's own providers, named by path: the foundation sits below the layers they come
# from, and a path keeps it from importing them.
CORE_PROVIDERS: tuple[str, ...] = (
    "orionis.foundation.logging_provider.LoggingServiceProvider",
    "orionis.view.provider.ViewServiceProvider",
    "orionis.encryption.provider.EncryptionServiceProvider",
    "orionis.session.provider.SessionServiceProvider",
    "orionis.http.provider.HttpServiceProvider",
    "orionis.http.web_provider.WebServiceProvider",
    "orionis.broadcasting.provider.BroadcastServiceProvider",
    "orionis.cache.provider.CacheServiceProvider",
    "orionis.http.limits_provider.RequestLimitsServiceProvider",
    "orionis.http.trust_provider.TrustServiceProvider",
)


class Application(Paths, SwapsBindings, GuardedSetup):
    """The application: container, configuration, providers, lifespan and server entry point.

    ``Application(base_path)`` loads ``.env`` (then ``.env.{APP_ENV}``), reads ``config/*.py``
    and registers the providers listed in ``config/app.py``. Booting happens once, when the
    server starts a worker, a console command starts, or a test asks for it.
    """

    _instance: ClassVar[Application | None] = None

    def __init__(
        self,
        base_path: str | os.PathLike[str] | None = None,
        *,
        environment: str | None = None,
    ) -> None:
        self._state = LifecycleState.CREATED
        self._deferring = False
        Container.__init__(self)
        self._base = Path(base_path if base_path is not None else os.getcwd()).resolve()
        self._runtime: Runtime | None = None
        self._boot_lock: asyncio.Lock | None = None
        self._lifespan = LifespanCallbacks()
        self._booted_callbacks: list[Callable[..., Any]] = []
        self._bridge: ServerBridge | None = None
        self.http = HttpSettings()
        self._providers = ProviderRepository(self)
        self._environment = load_environment(self._base, environment)
        self._make_importable()
        self.config = self._load_config()
        use_repository(self.config)
        self._bind_self()
        Application._instance = self
        self._register_configured()

    # ----------------------------------------------------------------- construction
    def _load_config(self) -> Repository:
        folder = self.config_path()
        present = folder.is_dir()
        reads: dict[str, list[EnvRead]] = {}
        raw = load_config(folder, reads) if present else {}
        files = config_files(folder) if present else {}
        sections = apply_defaults_and_validate(raw, files, reads)
        sections["app"]["env"] = self._environment
        return Repository(sections)

    def _make_importable(self) -> None:
        # config/*.py import the application's own modules (app.providers...), as route files and
        # bootstrap/app.py do; the project root must be importable wherever the process started.
        root = str(self._base)
        if root not in sys.path:
            sys.path.insert(0, root)

    def _bind_self(self) -> None:
        self.instance(Application, self)
        self.instance(Container, self)
        self.alias(Application, "app")
        self.instance(Repository, self.config)
        self.alias(Repository, "config")

    def _register_configured(self) -> None:
        self._lifespan.add(Lifespan.STARTUP, tuple(self.config.get("app.startup", [])), None)
        self._lifespan.add(Lifespan.SHUTDOWN, tuple(self.config.get("app.shutdown", [])), None)
        self._providers.register_all(CORE_PROVIDERS)
        self._providers.register_all(entry_point_providers())
        self._providers.register_all(self.config.get("app.providers", []))

    # ----------------------------------------------------------------- facts
    @classmethod
    def get_instance(cls) -> Application:
        """The most recently created application (what ``config()`` and ``view()`` use)."""
        if cls._instance is None:
            raise OrionisError(
                "No Application has been created yet. Build one in bootstrap/app.py "
                "(app = Application(base_path=...)) and import it before using helpers."
            )
        return cls._instance

    @property
    def state(self) -> LifecycleState:
        """Where the application is in its lifecycle."""
        return self._state

    @property
    def runtime(self) -> Runtime | None:
        """The runtime the application booted for, or None before boot."""
        return self._runtime

    @property
    def providers(self) -> list[ServiceProvider]:
        """Registered providers in registration order (deferred ones once loaded)."""
        return self._providers.registered

    def environment(self, *names: str) -> Any:
        """The APP_ENV name; with names, whether it is one of them (``environment("local")``)."""
        if names:
            return self._environment in names
        return self._environment

    def is_local(self) -> bool:
        """True when APP_ENV is ``local``."""
        return self._environment == "local"

    def is_production(self) -> bool:
        """True when APP_ENV is ``production``."""
        return self._environment == "production"

    def running_unit_tests(self) -> bool:
        """True when APP_ENV is ``testing``."""
        return self._environment == "testing"

    def running_in_console(self) -> bool:
        """True when the application booted for a console command."""
        return self._runtime is Runtime.CLI

    def is_booted(self) -> bool:
        """True once ``boot()`` has finished."""
        return self._state is LifecycleState.BOOTED

    # ----------------------------------------------------------------- setup
    def _ensure_setup(self, call: str) -> None:
        if self._deferring or self._state in (LifecycleState.CREATED, LifecycleState.BOOTING):
            return
        raise SetupError(
            f"app.{call}() was called after the application booted ({self._state.value}). "
            "Do it before the server starts: in a service provider's register() method, "
            "or in bootstrap/app.py."
        )

    def on(
        self, event: Lifespan, *callbacks: Callable[..., Any], runtime: Runtime | None = None
    ) -> Application:
        """Run ``callbacks`` at ``event``, in order, for ``runtime`` only when given."""
        self._ensure_setup("on")
        self._lifespan.add(event, callbacks, runtime)
        return self

    def with_providers(self, *providers: type[ServiceProvider] | str) -> Application:
        """Register more providers after those of ``config/app.py``."""
        self._ensure_setup("with_providers")
        self._providers.register_all(providers)
        return self

    def register(self, provider: type[ServiceProvider] | str) -> Application:
        """Register one provider (Laravel's ``$app->register()``)."""
        return self.with_providers(provider)

    def with_routing(
        self,
        *,
        web: str | list[str] | None = None,
        api: str | list[str] | None = None,
        health: str | None = None,
        api_prefix: str = "/api",
    ) -> Application:
        """Route files to load at boot (relative to the base path) and the health route.

        ``web`` routes get the ``web`` middleware group; ``api`` routes the ``api`` group and
        the ``api_prefix``; ``health="/up"`` answers ``{"status": "up"}`` once booted.
        """
        self._ensure_setup("with_routing")
        self.http.web.extend(_as_list(web))
        self.http.api.extend(_as_list(api))
        self.http.health = health if health is not None else self.http.health
        self.http.api_prefix = api_prefix
        return self

    def with_middleware(
        self,
        *,
        append: list[Any] | None = None,
        prepend: list[Any] | None = None,
        remove: list[Any] | None = None,
        groups: dict[str, list[Any]] | None = None,
        aliases: dict[str, Any] | None = None,
        priority: list[Any] | None = None,
    ) -> Application:
        """Change the stacks of config/http.py: add to or remove from the global stack,
        add groups and aliases, or replace the priority list."""
        self._ensure_setup("with_middleware")
        self.http.append.extend(append or [])
        self.http.prepend.extend(prepend or [])
        self.http.remove.extend(remove or [])
        self.http.groups.update(groups or {})
        self.http.aliases.update(aliases or {})
        self.http.priority = priority if priority is not None else self.http.priority
        return self

    def with_exceptions(self, handler: type) -> Application:
        """Use ``handler`` (an ExceptionHandler subclass) for errors raised by requests."""
        self._ensure_setup("with_exceptions")
        self.http.exception_handler = handler
        return self

    def booted(self, callback: Callable[..., Any]) -> Application:
        """Run ``callback`` (injected, sync or async) after every provider booted."""
        self._ensure_setup("booted")
        self._booted_callbacks.append(callback)
        return self

    def use_server_bridge(self, bridge: ServerBridge) -> None:
        """Set what answers RSGI and ASGI calls (the HTTP service provider does this)."""
        self._bridge = bridge

    def _resolve_deferred(self, abstract: Any) -> bool:
        # A deferred provider registers on first need, after boot too: setup is open meanwhile.
        self._deferring, was_deferring = True, self._deferring
        try:
            provider = self._providers.load_deferred(abstract)
            if provider is not None and self._state is LifecycleState.BOOTED:
                self._boot_deferred(provider)
        finally:
            self._deferring = was_deferring
        return provider is not None

    def _boot_deferred(self, provider: ServiceProvider) -> None:
        boot = getattr(provider, "boot", None)
        if boot is None:
            return
        result = self.call(boot)
        if inspect.isawaitable(result):
            if inspect.iscoroutine(result):
                result.close()
            raise BootError(
                f"Deferred provider {callback_name(type(provider))} has an async boot(), which "
                "cannot run when a service is first resolved after boot. Make boot() sync, or "
                "remove `provides` so the provider boots with the application."
            )

    # ----------------------------------------------------------------- lifecycle
    async def boot(self, runtime: Runtime = Runtime.HTTP) -> Application:
        """Boot once: providers, async singletons, booted callbacks, graph check, STARTUP."""
        if self._state is LifecycleState.BOOTED:
            return self
        if self._boot_lock is None:
            self._boot_lock = asyncio.Lock()
        async with self._boot_lock:
            if self._state is LifecycleState.CREATED:
                await self._boot(runtime)
        return self

    async def _boot(self, runtime: Runtime) -> None:
        if runtime is Runtime.HTTP:
            check_http_environment(self.config, self._environment)
        self._runtime = runtime
        self._state = LifecycleState.BOOTING
        try:
            await self._providers.boot_all()
            await self._run_booted_callbacks()
            await self._warm_and_validate()
            await self._lifespan.run_startup(self, runtime)
        except BaseException:
            self._state = LifecycleState.CREATED
            raise
        self._state = LifecycleState.BOOTED

    async def _run_booted_callbacks(self) -> None:
        for callback in self._booted_callbacks:
            try:
                result = self.call(callback)
                if inspect.isawaitable(result):
                    await result
            except OrionisError:
                raise
            except Exception as error:
                raise BootError(
                    f"Booted callback {callback_name(callback)} failed: "
                    f"{type(error).__name__}: {error}"
                ) from error

    async def _warm_and_validate(self) -> None:
        try:
            await self.warm_singletons()
            self.validate()
        except OrionisError as error:
            raise BootError(f"The container is not ready: {error}") from error

    async def shutdown(self) -> list[BaseException]:
        """Run SHUTDOWN callbacks (all of them, even after a failure), then close singletons."""
        if self._state is not LifecycleState.BOOTED or self._runtime is None:
            return []
        self._state = LifecycleState.SHUTTING_DOWN
        failures = await self._lifespan.run_shutdown(self, self._runtime)
        try:
            await self.close_singletons()
        except Exception as error:
            failures.append(error)
        self._state = LifecycleState.TERMINATED
        return failures

    # ----------------------------------------------------------------- server protocols
    def _server(self) -> ServerBridge:
        if self._bridge is None:
            raise OrionisError(
                "This application has no HTTP kernel: the HTTP service provider was not "
                "registered. Keep orionis' core providers, or register one that calls "
                "app.use_server_bridge()."
            )
        return self._bridge

    def __rsgi_init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._server().rsgi_init(loop)

    def __rsgi__(self, scope: Any, proto: Any) -> Awaitable[None]:
        # Called on every request: the bridge is read directly, _server() only raises.
        return (self._bridge or self._server()).rsgi(scope, proto)

    def __rsgi_del__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._server().rsgi_del(loop)

    async def __call__(
        self,
        scope: dict[str, Any],
        receive: Callable[[], Awaitable[dict[str, Any]]],
        send: Callable[[dict[str, Any]], Awaitable[None]],
    ) -> None:
        # A coroutine function, so that servers detecting ASGI 2 vs 3 by inspection see ASGI 3.
        await (self._bridge or self._server()).asgi(scope, receive, send)


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
