"""The singleton of the /di scenario."""


class Greeter:
    """Built once per worker."""

    def greeting(self) -> str:
        return "Hello, World!"
