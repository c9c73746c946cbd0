"""A small service the skeleton binds in its provider, to show where services live."""


class Greeter:
    """Greets people on behalf of the application."""

    def __init__(self, app_name: str) -> None:
        self.app_name = app_name

    def greet(self, name: str) -> str:
        """A greeting signed with the application's name."""
        return f"Hello, {name}! Greetings from {self.app_name}."
