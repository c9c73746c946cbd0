"""The cache: ``CacheRepository`` (get, put, add, increment, remember…) over a store.

Controllers type-hint ``CacheRepository`` for the store of ``config/cache.py`` (``memory``
per worker process, ``redis`` shared by every worker), or ``CacheManager`` to pick one by
name. Expiry follows the ``Clock`` binding, which tests swap for a ``FrozenClock``.
"""

from orionis.cache.clock import Clock, FrozenClock, SystemClock
from orionis.cache.contract import Store
from orionis.cache.errors import CacheError
from orionis.cache.manager import DRIVERS, CacheManager
from orionis.cache.memory_store import MemoryStore
from orionis.cache.provider import CacheServiceProvider
from orionis.cache.repository import CacheRepository, Ttl

__all__ = [
    "DRIVERS",
    "CacheError",
    "CacheManager",
    "CacheRepository",
    "CacheServiceProvider",
    "Clock",
    "FrozenClock",
    "MemoryStore",
    "Store",
    "SystemClock",
    "Ttl",
]
