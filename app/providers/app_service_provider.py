"""The application's own bindings."""

from app.services.greeter import Greeter
from orionis import ServiceProvider


class AppServiceProvider(ServiceProvider):
    """Register the application's services here; ``boot()`` may be async and is injected."""

    def register(self) -> None:
        self.app.when(Greeter).needs("app_name").give_config("app.name")
        self.app.singleton(Greeter)

    def boot(self) -> None:
        """Everything is registered by now: resolve services or wire them together here."""
