"""A form that posts back to the application."""

from orionis import redirect, view
from orionis.http import RedirectResponse, Request
from orionis.view import View


class ContactController:
    """Shows the contact form and accepts it."""

    async def show(self, request: Request) -> View:
        return view("contact", {"sent": request.query.get("sent") == "1", "errors": {}})

    async def store(self, request: Request) -> View | RedirectResponse:
        name = str(request.input("name", "")).strip()
        message = str(request.input("message", "")).strip()
        if not name or not message:
            errors = {"name": "Please tell us your name."} if not name else {}
            if not message:
                errors["message"] = "Please write a message."
            return view("contact", {"sent": False, "errors": errors, "name": name})
        return redirect().route("contact.show", sent=1)
