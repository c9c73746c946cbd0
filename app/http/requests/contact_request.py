"""The contact form's rules: checked before ContactController.store runs."""

from orionis.http.form_request import FormRequest


class ContactRequest(FormRequest):
    """Type-hint it on an action and the container validates the request before the call."""

    def rules(self) -> dict[str, str]:
        return {
            "name": "required|string|max:80",
            "email": "required|email",
            "message": "required|string|min:10|max:2000",
        }

    def messages(self) -> dict[str, str]:
        return {"message.min": "Please write at least :min characters."}
