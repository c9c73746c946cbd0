"""Sessions: the ``Session`` store, drivers (cookie, file, memory, redis) and their manager.

The ``session`` middleware (``orionis.http.middleware.start_session``) starts one per request
of the ``web`` group; controllers receive it as ``request.session`` or by type-hinting
``Session``.
"""

from orionis.session.errors import SessionError
from orionis.session.handler import ServerSessionHandler, SessionHandler
from orionis.session.manager import CookieOptions, SessionManager, make_handler
from orionis.session.provider import SessionServiceProvider
from orionis.session.store import Session, new_session_id

__all__ = [
    "CookieOptions",
    "ServerSessionHandler",
    "Session",
    "SessionError",
    "SessionHandler",
    "SessionManager",
    "SessionServiceProvider",
    "make_handler",
    "new_session_id",
]
