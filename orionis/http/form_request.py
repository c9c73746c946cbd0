"""Form requests: validation and authorization in a class, run before the controller.

Type-hint one on a controller action and the container builds it, which validates the
request: the action only runs with valid input::

    class StoreContact(FormRequest):
        def rules(self) -> dict[str, RuleSpec]:
            return {"email": "required|email", "message": "required|string|min:10"}

    async def store(self, form: StoreContact) -> RedirectResponse:
        data = form.validated()
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orionis.http.exceptions import Forbidden
from orionis.http.request import Request
from orionis.validation import Validator
from orionis.validation.validator import RuleSpec

__all__ = ["FormRequest"]


class FormRequest:
    """Override ``rules()``; optionally ``authorize()``, ``messages()`` and ``attributes()``."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self._validated: dict[str, Any] = {}
        self.validate_resolved()

    def authorize(self) -> bool:
        """False answers 403 before any rule is checked."""
        return True

    def rules(self) -> Mapping[str, RuleSpec]:
        """The rules, as for ``request.validate()``."""
        return {}

    def messages(self) -> Mapping[str, str]:
        """Custom messages by ``"field.rule"`` or ``"rule"``."""
        return {}

    def attributes(self) -> Mapping[str, str]:
        """Names of fields as messages show them."""
        return {}

    def validate_resolved(self) -> None:
        """Authorize, then validate; raises ``Forbidden`` or ``ValidationError``."""
        if not self.authorize():
            raise Forbidden("This action is unauthorized.")
        validator = Validator(self.request.all(), self.rules(), self.messages(), self.attributes())
        self._validated = validator.validate()

    def validated(self) -> dict[str, Any]:
        """The fields that have rules, validated."""
        return dict(self._validated)

    def input(self, key: str | None = None, default: Any = None) -> Any:
        """The request's input (see ``Request.input``)."""
        return self.request.input(key, default)
