"""What the web layer adds to ``Request``: its session and ``validate()``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from orionis.session import Session, SessionError
from orionis.validation import Validator
from orionis.validation.validator import RuleSpec

if TYPE_CHECKING:
    from types import SimpleNamespace

__all__ = ["SESSION_STATE", "WebRequestMixin"]

SESSION_STATE = "session"
"""The attribute of ``request.state`` the ``session`` middleware puts the session in."""


class WebRequestMixin:
    """``request.session``, ``request.has_session()``, ``request.validate({...})``."""

    __slots__ = ()

    if TYPE_CHECKING:
        method: str
        path: str

        @property
        def state(self) -> SimpleNamespace: ...
        def has_state(self) -> bool: ...
        def all(self) -> dict[str, Any]: ...

    @property
    def session(self) -> Session:
        """The session started by the ``session`` middleware (routes of the ``web`` group)."""
        session: Session | None = getattr(self.state, SESSION_STATE, None)
        if session is None:
            raise SessionError(
                f"{self.method} {self.path} has no session: sessions start only for routes "
                "with the `session` middleware. Put the route in routes/web.py (the `web` "
                "group), or add ->middleware('session') to it."
            )
        return session

    def has_session(self) -> bool:
        """True when the ``session`` middleware started a session for this request."""
        return self.has_state() and getattr(self.state, SESSION_STATE, None) is not None

    def validate(
        self,
        rules: Mapping[str, RuleSpec],
        messages: Mapping[str, str] | None = None,
        attributes: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """The validated input, or ``ValidationError`` (422 JSON, or back to the form).

        ``request.validate({"email": "required|email", "age": ["integer", "min:18"]})``.
        """
        return Validator(self.all(), rules, messages, attributes).validate()
