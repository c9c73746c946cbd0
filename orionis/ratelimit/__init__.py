"""Rate limiting: ``RateLimiter`` counts attempts per key on the cache; ``Limit`` says how many.

The ``throttle`` middleware (``orionis.http.middleware.throttle``) uses both for routes:
``"throttle:60,1"`` or a named limiter, ``"throttle:api"``.
"""

from orionis.ratelimit.errors import RateLimitError
from orionis.ratelimit.limit import Limit
from orionis.ratelimit.limiter import LimiterCallback, RateLimiter

__all__ = ["Limit", "LimiterCallback", "RateLimitError", "RateLimiter"]
