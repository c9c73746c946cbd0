"""A form with CSRF protection and validation, and a flash message after the redirect."""

from app.http.requests.contact_request import ContactRequest
from orionis import redirect, view
from orionis.http import RedirectResponse, Request
from orionis.view import View


class ContactController:
    """Shows the contact form and accepts it."""

    async def show(self, request: Request) -> View:
        return view("contact")

    async def store(self, form: ContactRequest, request: Request) -> RedirectResponse:
        # Invalid input never gets here: the form is sent back with errors and old input.
        name = form.validated()["name"]
        request.session.flash("status", f"Thank you, {name}: your message was sent.")
        response: RedirectResponse = redirect().route("contact.show")
        return response
