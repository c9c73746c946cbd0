"""The skeleton's pages."""

from app.services.greeter import Greeter
from orionis import view
from orionis.http import Request
from orionis.view import View


class HomeController:
    """Built by the container for each request: its constructor's services are injected."""

    def __init__(self, greeter: Greeter) -> None:
        self.greeter = greeter

    async def index(self, request: Request) -> View:
        name = request.query.get("name") or "friend"
        return view("home", {"greeting": self.greeter.greet(name)})
