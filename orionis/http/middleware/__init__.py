"""Middleware: the onion around every route, resolved at boot into prebuilt chains."""

from orionis.http.middleware.contract import Middleware, Next, TerminableMiddleware
from orionis.http.middleware.pipeline import Pipeline
from orionis.http.middleware.resolver import MiddlewareResolver, MiddlewareSpec

__all__ = [
    "Middleware",
    "MiddlewareResolver",
    "MiddlewareSpec",
    "Next",
    "Pipeline",
    "TerminableMiddleware",
]
