"""Binds the /di scenario's graph: a singleton Greeter under a scoped RequestService."""

from app.services.greeter import Greeter
from app.services.request_service import RequestService
from orionis import ServiceProvider


class BenchServiceProvider(ServiceProvider):
    """The bindings the /di controller's constructor needs."""

    def register(self) -> None:
        self.app.singleton(Greeter)
        self.app.scoped(RequestService)
