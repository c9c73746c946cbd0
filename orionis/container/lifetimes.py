"""The resolver of a binding, chosen by its lifetime and its kind of factory."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dependency_injector import providers

from orionis.container.binding import Binding, Lifetime
from orionis.container.errors import ScopedValueMissingError, ScopeError, SingletonNotWarmedError
from orionis.container.introspection import FactoryKind
from orionis.container.keys import describe
from orionis.container.registry import Callback
from orionis.container.scope import scoped_generator_getter, scoped_getter, supplied_getter
from orionis.container.teardown import Teardown, first_value

__all__ = ["Decorate", "OnTeardown", "decorator", "quiet", "resolver_for"]

Decorate = Callable[[Any], Any] | None
OnTeardown = Callable[[Binding, Teardown], None]
Build = Callable[..., Any]


def quiet(provider: Any) -> Callable[..., Any]:
    """Switch off dependency-injector's async detection: the container decides about async.

    Left on, a provider that once returns a coroutine turns every dependent into a Future.
    """
    provider.disable_async_mode()
    resolve: Callable[..., Any] = provider
    return resolve


def decorator(extenders: list[Callback], resolving: list[Callback], container: Any) -> Decorate:
    """One function applying ``extend`` then ``resolving`` callbacks (``None``: there are none)."""
    if not extenders and not resolving:
        return None
    extend_with, notify = tuple(extenders), tuple(resolving)

    def decorate(instance: Any) -> Any:
        for extend in extend_with:
            instance = extend(instance, container)
        for callback in notify:
            callback(instance, container)
        return instance

    return decorate


def resolver_for(
    binding: Binding, build: Build, decorate: Decorate, on_teardown: OnTeardown
) -> Callable[[], Any]:
    """What ``make()`` and every dependent call to resolve ``binding``."""
    lifetime = binding.lifetime
    if lifetime is Lifetime.INSTANCE:
        return quiet(providers.Object(binding.value))
    if lifetime is Lifetime.TRANSIENT:
        return _transient(binding, build, decorate)
    if lifetime is Lifetime.SINGLETON:
        return _singleton(binding, build, decorate, on_teardown)
    if lifetime is Lifetime.SCOPED:
        return _scoped(binding, build, decorate)
    name = describe(binding.abstract)
    return supplied_getter(binding.abstract, name, lambda: ScopedValueMissingError(name))


def _transient(binding: Binding, build: Build, decorate: Decorate) -> Callable[..., Any]:
    if decorate is None:
        return build
    if binding.kind is FactoryKind.ASYNC_FUNCTION:

        async def resolve_async() -> Any:
            return decorate(await build())

        return resolve_async
    return lambda: decorate(build())


def _singleton(
    binding: Binding, build: Build, decorate: Decorate, on_teardown: OnTeardown
) -> Callable[[], Any]:
    if binding.created:
        return quiet(providers.Object(binding.value))
    if binding.kind.is_async:
        name = describe(binding.abstract)

        def not_warmed() -> Any:
            raise SingletonNotWarmedError(name)

        return not_warmed
    finish = decorate or _same

    def create() -> Any:
        return binding.remember(finish(build()))

    def create_from_generator() -> Any:
        generator = build()
        value = first_value(generator)
        on_teardown(binding, generator)
        return binding.remember(finish(value))

    # dependency-injector's thread-safe singleton: one creation even when threads race.
    is_generator = binding.kind is FactoryKind.GENERATOR
    singleton = providers.ThreadSafeSingleton(create_from_generator if is_generator else create)
    return quiet(singleton)


def _scoped(binding: Binding, build: Build, decorate: Decorate) -> Callable[[], Any]:
    key, name = binding.abstract, describe(binding.abstract)
    if binding.kind.is_async:
        return supplied_getter(key, name, _async_scoped_missing(name))
    if binding.kind is FactoryKind.GENERATOR:
        return scoped_generator_getter(key, name, build, decorate)
    if decorate is None:
        return scoped_getter(key, name, build)
    return scoped_getter(key, name, lambda: decorate(build()))


def _same(value: Any) -> Any:
    return value


def _async_scoped_missing(name: str) -> Callable[[], ScopeError]:
    return lambda: ScopeError(
        f"{name} has an async factory, which runs when a scope opens with "
        "`async with app.scope():`; the current scope did not create it."
    )
