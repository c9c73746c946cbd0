"""The scoped service of the /di scenario: one per request, built on the singleton Greeter."""

from app.services.greeter import Greeter


class RequestService:
    """Built once per request by the container."""

    def __init__(self, greeter: Greeter) -> None:
        self.greeter = greeter

    def message(self) -> str:
        return self.greeter.greeting()
