"""The base class of every service provider."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from orionis.foundation.application import Application

__all__ = ["ServiceProvider"]


class ServiceProvider:
    """Registers bindings in ``register()`` and wires them together in ``boot()``.

    ``register()`` only binds: other providers may not have registered yet, so it must not
    resolve anything. ``boot()`` runs once every provider is registered; it may be ``async`` and
    its parameters are injected by the container.

    The common case needs no method at all::

        class BillingServiceProvider(ServiceProvider):
            bindings = {PaymentGateway: StripeGateway}
            singletons = {Clock: SystemClock}

    A provider that lists ``provides`` is *deferred*: it is registered only when one of those
    services is first resolved, so an unused one costs nothing at boot.
    """

    bindings: ClassVar[dict[Any, Any]] = {}
    singletons: ClassVar[dict[Any, Any]] = {}
    provides: ClassVar[list[Any]] = []

    def __init__(self, app: Application) -> None:
        self.app = app

    def register(self) -> None:
        """Bind services into the container. Resolve nothing here."""

    @classmethod
    def is_deferred(cls) -> bool:
        """True when the provider waits for one of its ``provides`` to be needed."""
        return bool(cls.provides)

    def register_declared(self) -> None:
        """Apply the ``bindings`` and ``singletons`` class attributes, then ``register()``."""
        for abstract, concrete in self.bindings.items():
            self.app.bind(abstract, concrete)
        for abstract, concrete in self.singletons.items():
            self.app.singleton(abstract, concrete)
        self.register()
